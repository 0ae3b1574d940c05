import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { Type } from 'typebox'
import type { AppContext } from '../../context'

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

const APP_VERSION: string = require('../../../../package.json').version

export default async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
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
