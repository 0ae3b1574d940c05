import type { Kysely } from 'kysely'
import { buildApp, type App } from '../../../server/src/app'
import { testConfig, type Config } from '../../../server/src/config'
import type { Database } from '../../../server/src/db/database'
import type { DB } from '../../../server/src/db/schema'
import { startFakeWeChat, type FakeWeChat } from '../../../server/src/wechat/fake-wechat-server'
import { watchDroppedFields } from './dropped-fields'
import { openTestDatabase, type Engine } from './test-db'

export interface TestApp {
  app: App
  database: Database
  db: Kysely<DB>
  config: Config
  wechat: FakeWeChat
  /** The server's clock (and the fake WeChat's): starts at the real time, moves only by setNow. */
  now: () => Date
  setNow(date: Date): void
  /** Fields a service returned that a route's answer schema would have dropped; `close` fails the test if any. */
  droppedFields: string[]
  close(): Promise<void>
}

/** The whole server on a fresh database of its own, talking HTTP to a fake WeChat on a free local port. */
export async function startTestApp(engine: Engine, overrides: Partial<Config> = {}): Promise<TestApp> {
  let current = new Date()
  const now = () => current
  const appId = 'wx_test_app'
  const secret = 'test-wechat-secret'
  const database = await openTestDatabase(engine)
  const wechat = await startFakeWeChat({ appId, secret, host: '127.0.0.1', port: 0, now })
  const config = testConfig({ wechatAppId: appId, wechatSecret: secret, wechatApiBase: wechat.baseUrl, h5Dir: '/nonexistent', ...overrides })
  const app = await buildApp({ config, database, now })
  const droppedFields = watchDroppedFields(app)
  return {
    app,
    database,
    db: database.db,
    config,
    wechat,
    now,
    setNow: (date) => {
      current = date
    },
    droppedFields,
    close: async () => {
      await app.close()
      await wechat.close()
      await database.close()
      // Every server test doubles as a contract check: an answer field missing from the contract is a failure.
      if (droppedFields.length > 0) throw new Error(`answer fields the contract would drop:\n${[...new Set(droppedFields)].join('\n')}`)
    },
  }
}
