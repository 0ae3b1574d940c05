import { Type, type Static } from 'typebox'

/** Health checks for the reverse proxy and the operators; a 503 answers the same shape as the 200. */

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String({ description: '应用版本' }),
  database: Type.Object({
    engine: Type.Union([Type.Literal('pg'), Type.Literal('pglite')]),
    reachable: Type.Boolean(),
    serverVersion: Type.Optional(Type.String()),
    schemaVersion: Type.Optional(Type.String({ description: '最近一次迁移' })),
  }),
})
export type Health = Static<typeof Health>

export const Liveness = Type.Object({ status: Type.Literal('ok') })

export const Readiness = Type.Object({
  ready: Type.Boolean(),
  reason: Type.Optional(Type.String({ description: '未就绪的原因' })),
})
export type Readiness = Static<typeof Readiness>

export const healthEndpoints = {
  'GET /api/health/live': { response: Liveness },
  'GET /api/health/ready': { response: Readiness },
  'GET /api/health': { response: Health },
}
