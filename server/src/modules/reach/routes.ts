import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEFAULT_WITHIN_HOURS } from '#core/reach'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS } from '../../plugins/schemas'
import { RegionId, Uuid } from '#contract/common'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
const Tier = Type.Union([Type.Literal(1), Type.Literal(2)])
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD（北京时间）' })

const BulletinReach = Type.Object({
  bulletinId: Type.String(),
  publishedAt: Nullable(Type.String()),
  tiers: Type.Array(Type.Object({ tier: Tier, groupsRegistered: Type.Integer(), groupsReached: Type.Integer(), medianMinutesToReach: Nullable(Type.Number()) })),
  opens: Type.Integer(),
  uniqueReaders: Type.Integer(),
  shares: Type.Integer(),
  withinHours: Type.Number(),
  notReached: Type.Array(Type.Object({ groupId: Type.String(), name: Nullable(Type.String()), tier: Nullable(Tier), ownerId: Nullable(Type.String()), ownerName: Nullable(Type.String()) })),
})

const ShareTreeNode = Type.Object({
  id: Type.String(), parentId: Nullable(Type.String()), tier: Type.Integer(), sharerName: Nullable(Type.String()),
  groupName: Nullable(Type.String()), createdAt: Type.String(), opens: Type.Integer(),
})

const DailyReach = Type.Object({
  date: Type.String(), bulletins: Type.Integer(), groupsReached: Type.Object({ tier1: Type.Integer(), tier2: Type.Integer() }),
  opens: Type.Integer(), uniqueReaders: Type.Integer(),
})

const CadreForwarding = Type.Object({
  userId: Type.String(), name: Type.String(), regionName: Type.String(), groupsOwned: Type.Integer(), bulletinsPublished: Type.Integer(),
  bulletinsForwarded: Type.Integer(), groupsReached: Type.Integer(), lastForwardedAt: Nullable(Type.String()),
})

export default async function reachRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const reach = services.reach
  const tags = ['转发触达']

  app.get('/api/bulletins/:id/reach', {
    schema: {
      tags, summary: '通报触达：各级群覆盖、打开人数、到达用时中位数与未触达的群',
      params: Type.Object({ id: Uuid }),
      querystring: Type.Object({ withinHours: Type.Number({ minimum: 0.5, maximum: 168, default: DEFAULT_WITHIN_HOURS, description: '多少小时内未打开算未触达' }) }),
      response: { 200: BulletinReach, ...COMMON_ERRORS },
    },
  }, (req) => reach.reach(callerOf(req), req.params.id, req.query.withinHours))

  app.get('/api/bulletins/:id/tree', {
    schema: {
      tags, summary: '转发树：每次分享及其带来的打开数',
      params: Type.Object({ id: Uuid }),
      response: { 200: Type.Array(ShareTreeNode), ...COMMON_ERRORS },
    },
  }, (req) => reach.tree(callerOf(req), req.params.id))

  app.get('/api/reach/daily', {
    schema: {
      tags, summary: '按日触达统计',
      querystring: Type.Object({ regionId: Type.Optional(RegionId), from: Day, to: Day }),
      response: { 200: Type.Array(DailyReach), ...COMMON_ERRORS },
    },
  }, (req) => reach.daily(callerOf(req), req.query))

  app.get('/api/reach/cadres', {
    schema: {
      tags, summary: '村干部转发情况（转发最少的排在前面）',
      querystring: Type.Object({ regionId: Type.Optional(RegionId), days: Type.Integer({ minimum: 1, maximum: 365, default: 30 }) }),
      response: { 200: Type.Array(CadreForwarding), ...COMMON_ERRORS },
    },
  }, (req) => reach.cadres(callerOf(req), req.query))
}
