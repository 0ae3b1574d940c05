import cluster from 'node:cluster'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database'
import type { DB } from '../db/schema'
import { clusterWideMetrics } from './cluster-metrics'

/** Items per coalesced flush: from a lone phone (1) to a village group opening a bulletin at once (1,000). */
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
/** Seconds: a cached lookup takes about a millisecond, a large report or import several seconds. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/**
 * The numbers one server instance exposes to Prometheus. Always kept (an observation is a few additions); only
 * the /metrics route is switched on by configuration. Each app has its own registry, so that several apps in one
 * process (tests, the cluster's workers) never mix their counts.
 */
export class AppMetrics {
  readonly registry = new Registry()
  private readonly requests: Counter<'method' | 'route' | 'status'>
  private readonly latency: Histogram<'method' | 'route'>
  private readonly batchSizes: Histogram<'coalescer'>
  private readonly rejections: Counter<'kind' | 'code'>
  /** In a cluster worker, the whole cluster's numbers come from the primary. */
  private readonly clusterText: (() => Promise<string>) | null

  constructor(database: Pick<Database, 'kind' | 'db' | 'poolStats'>) {
    const registers = [this.registry]
    this.requests = new Counter({ name: 'xuanfang_http_requests_total', help: 'HTTP requests answered, by route pattern and status', labelNames: ['method', 'route', 'status'], registers })
    this.latency = new Histogram({
      name: 'xuanfang_http_request_duration_seconds', help: 'Time to answer an HTTP request, by route pattern', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS, registers,
    })
    this.batchSizes = new Histogram({
      name: 'xuanfang_coalescer_batch_size', help: 'Items written or looked up together in one flush of a write coalescer', labelNames: ['coalescer'], buckets: BATCH_BUCKETS, registers,
    })
    this.rejections = new Counter({ name: 'xuanfang_sync_rejections_total', help: 'Offline records (visits, pledges) refused on upload, by reason code', labelNames: ['kind', 'code'], registers })
    if (database.poolStats) {
      const poolStats = database.poolStats
      new Gauge({
        name: 'xuanfang_db_pool_connections', help: 'PostgreSQL pool connections: total open, idle, requests waiting for one, and the maximum', labelNames: ['state'], registers,
        collect() {
          const stats = poolStats()
          for (const state of ['total', 'idle', 'waiting', 'max'] as const) this.set({ state }, stats[state])
        },
      })
    }
    new Gauge({
      name: 'xuanfang_outbox_backlog', help: 'Subscribe messages not yet sent: all pending, and those due now', labelNames: ['state'], registers,
      aggregator: 'first', // every worker counts the same table
      async collect() {
        const counts = await outboxBacklog(database.db)
        this.set({ state: 'pending' }, counts.pending)
        this.set({ state: 'due' }, counts.due)
      },
    })
    this.clusterText = cluster.isWorker ? clusterWideMetrics(this.registry) : null
  }

  /** `route` is the pattern (`/api/visits/:id`), never the raw URL, so that ids do not multiply the series. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) })
    this.latency.observe({ method, route }, seconds)
  }

  /** For a coalescer's `onFlush` option. */
  batchObserver(coalescer: string): (items: number) => void {
    const child = this.batchSizes.labels({ coalescer })
    return (items) => child.observe(items)
  }

  countRejections(kind: 'visits' | 'pledges', items: readonly { status: string; code?: string }[]): void {
    for (const item of items) if (item.status === 'rejected') this.rejections.inc({ kind, code: item.code ?? 'UNKNOWN' })
  }

  text(): Promise<string> {
    return this.clusterText ? this.clusterText() : this.registry.metrics()
  }

  get contentType(): string {
    return this.registry.contentType
  }
}

async function outboxBacklog(db: Kysely<DB>): Promise<{ pending: number; due: number }> {
  const { rows } = await sql<{ pending: number; due: number }>`
    SELECT count(*)::int AS pending, count(*) FILTER (WHERE next_attempt_at <= now())::int AS due
    FROM outbox WHERE status = 'pending'`.execute(db)
  return rows[0]
}
