import type { AddressInfo } from 'node:net'
import type { Kysely } from 'kysely'
import { buildApp, type App } from '../../../server/src/app'
import { testConfig, type Config } from '../../../server/src/config'
import { openDatabase, type Database } from '../../../server/src/db/database'
import { migrate } from '../../../server/src/db/migrator'
import type { DB } from '../../../server/src/db/schema'
import { OutboxWorker } from '../../../server/src/modules/reminders/worker'
import { startFakeWeChat, type FakeWeChat } from '../../../server/src/wechat/fake-wechat-server'
import { HttpWeChatApi } from '../../../server/src/wechat/http-wechat-api'
import { createSchema, dropSchemas, TEST_PG_URL } from './pg-schemas'

export interface ClusterInstance {
  app: App
  database: Database
  baseUrl: string
  /** What `OUTBOX_WORKER=on` runs in this instance: its own connection pool, its own WeChat client. */
  worker: OutboxWorker
}

export interface TestCluster {
  instances: ClusterInstance[]
  /** The first instance's pool, for factories and recounts. */
  db: Kysely<DB>
  config: Config
  wechat: FakeWeChat
  /** Every instance's clock (and the fake WeChat's): real time until frozen. */
  now: () => Date
  /** Stops the clock where it is, so that nothing an instance remembers expires by itself during the test. */
  freezeClock(): void
  /** The next instance's base URL, round-robin, as a load balancer without stickiness would pick. */
  nextBaseUrl(): string
  close(): Promise<void>
}

/**
 * Several whole servers listening on 127.0.0.1 on one PostgreSQL schema, each with its own pool, caches, coalescers,
 * batchers and outbox worker, as separate processes behind a load balancer would have. One fake WeChat serves them
 * all, so its receipts count what the cluster sent.
 */
export async function startTestCluster(size: number, overrides: Partial<Config> = {}): Promise<TestCluster> {
  let frozen: Date | null = null
  const now = () => frozen ?? new Date()
  const appId = 'wx_test_app'
  const secret = 'test-wechat-secret'
  const schema = await createSchema()
  const wechat = await startFakeWeChat({ appId, secret, host: '127.0.0.1', port: 0, now })
  const config = testConfig({ wechatAppId: appId, wechatSecret: secret, wechatApiBase: wechat.baseUrl, h5Dir: '/nonexistent', ...overrides })
  const instances: ClusterInstance[] = []
  try {
    for (let i = 0; i < size; i++) {
      const database = await openDatabase({ url: TEST_PG_URL, schema, poolMax: 10 })
      if (i === 0) await migrate(database)
      const app = await buildApp({ config, database, now })
      await app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 })
      const { port } = app.server.address() as AddressInfo
      const worker = new OutboxWorker({ db: database.db, config, now, wechat: new HttpWeChatApi(wechat.baseUrl, appId, secret, 5000, now) })
      instances.push({ app, database, baseUrl: `http://127.0.0.1:${port}`, worker })
    }
  } catch (e) {
    await closeAll(instances, wechat, schema)
    throw e
  }
  let turn = 0
  return {
    instances,
    db: instances[0].database.db,
    config,
    wechat,
    now,
    freezeClock: () => {
      frozen = new Date()
    },
    nextBaseUrl: () => instances[turn++ % instances.length].baseUrl,
    close: () => closeAll(instances, wechat, schema),
  }
}

async function closeAll(instances: ClusterInstance[], wechat: FakeWeChat, schema: string) {
  for (const i of instances) {
    await i.worker.stop()
    await i.app.close()
    await i.database.close()
  }
  await wechat.close()
  await dropSchemas([schema])
}
