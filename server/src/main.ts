import cluster from 'node:cluster'
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { buildApp, type App } from './app'
import { runPrimary } from './cluster-primary'
import { ConfigError, loadConfig, type Config } from './config'
import { openDatabase, type Database } from './db/database'
import { migrate, MigrationError } from './db/migrator'
import { DEMO_PERSONAS } from './seed/demo-personas'
import { METRICS_PATH } from './plugins/metrics'
import { describeSeed, isDatabaseEmpty, seedDemoData } from './seed/demo-seed'
import { seedResidentContent } from './content/resident-content'
import { startFakeWeChat, type FakeWeChat } from './wechat/fake-wechat-server'
import { HttpWeChatApi } from './wechat/http-wechat-api'

/** A hung close (a stuck pool, a PGlite flush) must not keep the terminal or a supervisor waiting for ever. */
const SHUTDOWN_GRACE_MS = 10_000
/** Connections waiting to be accepted; the kernel caps it at net.core.somaxconn (4096 on current Linux). */
const LISTEN_BACKLOG = 4096

/** What start-up has opened so far, closed in reverse order on shutdown or on a failed start. */
interface Running {
  database?: Database
  fake?: FakeWeChat
  app?: App
}

async function closeAll(running: Running) {
  await running.app?.close()
  await running.fake?.close()
  await running.database?.close()
}

function describeEngine(config: Config): string {
  if (!config.databaseUrl) return `PGlite（嵌入式 PostgreSQL），数据目录 ${resolve(config.dataDir)}`
  const url = new URL(config.databaseUrl) // host and database only: the URL may carry a password
  return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`
}

/** Migrations, the residents' content and the demo seed: once per start, by the only or the primary process. */
async function prepare(config: Config, database: Database) {
  const applied = await migrate(database)
  if (applied.length > 0) console.log(`已执行数据库迁移: ${applied.join(', ')}`)
  // Every database, demo or not: residents' knowledge library and daily quiz need their content from the start.
  const content = await seedResidentContent(database.db)
  if (content.articles + content.questions > 0) console.log(`已写入防骗知识 ${content.articles} 篇、题库题目 ${content.questions} 道`)

  if (config.seedDemo && (await isDatabaseEmpty(database.db))) {
    const started = performance.now()
    const summary = await seedDemoData(database, config)
    console.log(`${describeSeed(summary)}（用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`)
  }
}

/** The local demo logs in through the real code2Session client against a fake WeChat, unless WECHAT_API_BASE says otherwise. */
const wantsFakeWeChat = (config: Config) => config.authMode === 'demo' && !process.env.WECHAT_API_BASE?.trim()

/** Opens the database and serves; `prepared` when the cluster's primary has already migrated and seeded it. */
async function serve(config: Config, running: Running, opts: { prepared: boolean }): Promise<number> {
  running.database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: config.poolMax })
  if (!opts.prepared) await prepare(config, running.database)

  let wechat: HttpWeChatApi | undefined
  if (wantsFakeWeChat(config)) {
    running.fake = await startFakeWeChat({ appId: config.wechatAppId, secret: config.wechatSecret, host: '127.0.0.1', port: 0 })
    wechat = new HttpWeChatApi(running.fake.baseUrl, config.wechatAppId, config.wechatSecret)
  }

  running.app = await buildApp({ config, database: running.database, wechat, logger: { level: config.logLevel } })
  // Node's default backlog of 511 drops the excess SYNs when a village group's thousand phones open the same
  // bulletin or prize at once; each dropped phone then waits a whole second for its retransmit.
  await running.app.listen({ host: config.host, port: config.port, backlog: LISTEN_BACKLOG })
  return (running.app.server.address() as AddressInfo).port
}

/** What the operator reads once the server answers. */
function startBanner(config: Config, port: number, extra: { fakeWeChat?: string; workers?: number } = {}): string {
  const base = `http://localhost:${port}`
  const lines = [
    '',
    `反诈宣防通已启动: ${base}/`,
    `  接口文档: ${base}/api/docs`,
    `  数据库: ${describeEngine(config)}`,
  ]
  if (extra.workers) lines.push(`  工作进程: ${extra.workers} 个（WORKERS=${extra.workers}），共用端口 ${port}`)
  if (config.metricsToken) lines.push(`  监控指标: ${base}${METRICS_PATH}（需 Authorization: Bearer METRICS_TOKEN）`)
  if (!existsSync(resolve(config.h5Dir, 'index.html'))) {
    lines.push(`  注意: 未找到 H5 页面 (${config.h5Dir}/index.html)，只提供接口；用 npm start 会先构建页面`)
  }
  if (config.authMode === 'demo') {
    lines.push(`  登录方式: 演示模式${extra.fakeWeChat ? `（模拟微信登录服务 ${extra.fakeWeChat}）` : ''}`)
    lines.push('  演示账号（在登录页一键登录）:')
    for (const p of DEMO_PERSONAS) lines.push(`    ${p.label} ${p.displayName} — ${p.description}`)
  } else {
    lines.push('  登录方式: 微信登录')
  }
  return lines.join('\n') + '\n'
}

async function main() {
  let config: Config
  try {
    config = loadConfig()
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    console.error(e.message)
    process.exit(1)
  }
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config, { prepare, wantsFakeWeChat, startBanner })

  const running: Running = {}
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return // a terminal's Ctrl-C reaches both npm start and this process
    stopping = true
    if (cluster.isPrimary) console.log(`收到 ${signal}，正在关闭…`)
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref()
    // Closing the app waits for the requests in flight and drains the write coalescers before the database closes.
    closeAll(running).then(
      () => process.exit(0),
      (e) => {
        console.error('关闭时出错:', e)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)

  try {
    const port = await serve(config, running, { prepared: cluster.isWorker })
    if (cluster.isPrimary) console.log(startBanner(config, port, { fakeWeChat: running.fake?.baseUrl }))
  } catch (e) {
    if (e instanceof MigrationError) console.error(e.message)
    else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`端口 ${config.port} 已被占用，请用 PORT 指定其他端口`)
    else console.error('启动失败:', e)
    await closeAll(running).catch(() => {})
    process.exit(1)
  }
}

void main()
