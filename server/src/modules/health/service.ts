import type { AppContext } from '../../context'
import { readMigrations } from '../../db/migrator'
import type { HealthRepo } from './repo'

const APP_VERSION: string = require('../../../../package.json').version
/** The schema this code was written for: an instance on an older schema must not take traffic yet. */
const LATEST_MIGRATION = readMigrations().at(-1)?.version ?? null

export type Readiness = { ready: true } | { ready: false; reason: string }

export class HealthService {
  private closing = false

  constructor(private readonly ctx: AppContext, private readonly repo: HealthRepo) {}

  /** From here on the instance answers not ready, so the reverse proxy stops sending it requests. */
  markClosing(): void {
    this.closing = true
  }

  /** Whether a reverse proxy should send this instance requests; `onUnreachable` hears why the database failed. */
  async readiness(onUnreachable: (error: unknown) => void): Promise<Readiness> {
    if (this.closing) return { ready: false, reason: '正在关闭' }
    try {
      const { schemaVersion } = await this.repo.facts()
      if (schemaVersion !== LATEST_MIGRATION) {
        return { ready: false, reason: `数据库结构不是最新（${schemaVersion ?? '未迁移'}，应为 ${LATEST_MIGRATION}）` }
      }
      return { ready: true }
    } catch (e) {
      onUnreachable(e)
      return { ready: false, reason: '数据库不可达' }
    }
  }

  async health(onUnreachable: (error: unknown) => void) {
    const engine = this.ctx.database.kind
    try {
      const { serverVersion, schemaVersion } = await this.repo.facts()
      return { status: 'ok' as const, version: APP_VERSION, database: { engine, reachable: true, serverVersion, ...(schemaVersion && { schemaVersion }) } }
    } catch (e) {
      onUnreachable(e)
      return { status: 'degraded' as const, version: APP_VERSION, database: { engine, reachable: false } }
    }
  }
}
