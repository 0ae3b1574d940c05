import cluster, { type Worker } from 'node:cluster'
import type { Config } from './config'
import { openDatabase, type Database } from './db/database'
import { MigrationError } from './db/migrator'
import { serveClusterMetrics } from './metrics/cluster-metrics'
import { startFakeWeChat, type FakeWeChat } from './wechat/fake-wechat-server'

/** What the entry point does that the primary needs too, passed in so that this file holds only the supervision. */
export interface PrimaryHooks {
  prepare(config: Config, database: Database): Promise<void>
  wantsFakeWeChat(config: Config): boolean
  startBanner(config: Config, port: number, extra: { fakeWeChat?: string; workers?: number }): string
}

/** A worker that died while serving is replaced after this pause, so that a crash loop does not spin the CPU. */
const RESTART_DELAY_MS = 1_000
/** Longer than a worker's own shutdown grace (main.ts), so that each drains before the primary gives up on it. */
const SHUTDOWN_GRACE_MS = 15_000

/**
 * `WORKERS=N` on PostgreSQL: this process migrates and seeds once, then forks N workers that each run the whole
 * server on the one port (Node's cluster hands connections round-robin). Everything a worker keeps in memory is
 * safe beside the others (docs/deployment.md). A worker that dies is replaced; SIGTERM or SIGINT is passed on to
 * every worker, each drains its in-flight requests and batches, and the primary exits when all have.
 */
export async function runPrimary(config: Config, hooks: PrimaryHooks): Promise<void> {
  let fake: FakeWeChat | undefined
  try {
    const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 })
    try {
      await hooks.prepare(config, database)
    } finally {
      await database.close()
    }
    // One fake WeChat for all workers: a login code issued through one worker must be accepted by another.
    if (hooks.wantsFakeWeChat(config)) {
      fake = await startFakeWeChat({ appId: config.wechatAppId, secret: config.wechatSecret, host: '127.0.0.1', port: 0 })
      process.env.WECHAT_API_BASE = fake.baseUrl
    }
  } catch (e) {
    console.error(e instanceof MigrationError ? e.message : `启动失败: ${String(e)}`)
    await fake?.close()
    process.exit(1)
  }

  let stopping = false
  const everListened = new Set<Worker>()
  const fork = () => cluster.fork()

  cluster.on('listening', (worker, address) => {
    everListened.add(worker)
    if (everListened.size === config.workers) console.log(hooks.startBanner(config, address.port, { fakeWeChat: fake?.baseUrl, workers: config.workers }))
  })
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    if (!everListened.has(worker)) {
      // A worker that could not even start (port taken, database gone) would fail again: stop the whole server.
      console.error(`工作进程 ${worker.process.pid} 启动失败（${code ?? signal}），服务停止`)
      void stop('worker start failure', 1)
      return
    }
    console.error(`工作进程 ${worker.process.pid} 意外退出（${code ?? signal}），${RESTART_DELAY_MS / 1000} 秒后重启`)
    setTimeout(() => { if (!stopping) fork() }, RESTART_DELAY_MS)
  })

  const stop = async (reason: string, exitCode = 0) => {
    if (stopping) return
    stopping = true
    if (exitCode === 0) console.log(`收到 ${reason}，正在关闭 ${Object.keys(cluster.workers ?? {}).length} 个工作进程…`)
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS).unref()
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w)
    const codes = await Promise.all(workers.map((w) => new Promise<number>((done) => {
      w.once('exit', (code) => done(code ?? 1))
      w.process.kill('SIGTERM')
    })))
    await fake?.close()
    process.exit(exitCode || (codes.every((c) => c === 0) ? 0 : 1))
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  serveClusterMetrics()
  for (let i = 0; i < config.workers; i++) fork()
}
