import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { readMigrations } from '../../db/migrator'

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String({ description: '应用版本' }),
  database: Type.Object({
    engine: Type.Union([Type.Literal('pg'), Type.Literal('pglite')]),
    reachable: Type.Boolean(),
    serverVersion: Type.Optional(Type.String()),
    schemaVersion: Type.Optional(Type.String({ description: '最近一次迁移' })),
  }),
})

const Liveness = Type.Object({ status: Type.Literal('ok') })

const Readiness = Type.Object({
  ready: Type.Boolean(),
  reason: Type.Optional(Type.String({ description: '未就绪的原因' })),
})

const APP_VERSION: string = require('../../../../package.json').version
/** The schema this code was written for: an instance on an older schema must not take traffic yet. */
const LATEST_MIGRATION = readMigrations().at(-1)?.version ?? null

export default async function healthRoutes(app: FastifyInstance, { ctx }: RouteDeps) {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })

  app.get('/api/health/live', {
    schema: { tags: ['系统'], summary: '存活检查：进程在运行并能应答（不查数据库），失败时应重启该进程', response: { 200: Liveness } },
  }, async () => ({ status: 'ok' as const }))

  app.get('/api/health/ready', {
    schema: {
      tags: ['系统'],
      summary: '就绪检查：数据库可达、结构为最新且未在关闭，反向代理据此决定是否转发请求',
      response: { 200: Readiness, 503: Readiness },
    },
  }, async (req, reply) => {
    const notReady = (reason: string) => reply.status(503).send({ ready: false, reason })
    if (closing) return notReady('正在关闭')
    try {
      const { rows } = await sql<{ version: string | null }>`SELECT max(version) AS version FROM schema_migrations`.execute(ctx.db)
      if (rows[0].version !== LATEST_MIGRATION) return notReady(`数据库结构不是最新（${rows[0].version ?? '未迁移'}，应为 ${LATEST_MIGRATION}）`)
    } catch (e) {
      req.log.warn({ err: e }, 'readiness check: database unreachable')
      return notReady('数据库不可达')
    }
    return { ready: true }
  })

  app.get('/api/health', {
    schema: { tags: ['系统'], summary: '健康检查：数据库可达性与版本', response: { 200: Health, 503: Health } },
  }, async (_req, reply) => {
    try {
      const row = await sql<{ server_version: string; schema_version: string | null }>`
        SELECT current_setting('server_version') AS server_version,
               (SELECT max(version) FROM schema_migrations) AS schema_version`.execute(ctx.db)
      const r = row.rows[0]
      return { status: 'ok' as const, version: APP_VERSION, database: { engine: ctx.database.kind, reachable: true, serverVersion: r.server_version, ...(r.schema_version && { schemaVersion: r.schema_version }) } }
    } catch (e) {
      _req.log.warn({ err: e }, 'health check: database unreachable')
      return reply.status(503).send({ status: 'degraded' as const, version: APP_VERSION, database: { engine: ctx.database.kind, reachable: false } })
    }
  })
}
