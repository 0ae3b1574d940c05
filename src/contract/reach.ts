import { Type, type Static, type TSchema } from 'typebox'
import { DEFAULT_WITHIN_HOURS } from '../core/reach'
import { RegionId, Uuid } from './common'

/** How far bulletins travel (action bulletin.reach): groups reached per tier, the share tree, per day and per cadre. */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const Tier = Type.Union([Type.Literal(1), Type.Literal(2)])
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD（北京时间）' })

export const TierReach = Type.Object({
  tier: Tier, groupsRegistered: Type.Integer(), groupsReached: Type.Integer(), medianMinutesToReach: Nullable(Type.Number()),
})
export type TierReach = Static<typeof TierReach>

export const UnreachedGroup = Type.Object({
  groupId: Type.String(), name: Nullable(Type.String()), tier: Nullable(Tier), ownerId: Nullable(Type.String()), ownerName: Nullable(Type.String()),
})
export type UnreachedGroup = Static<typeof UnreachedGroup>

export const BulletinReach = Type.Object({
  bulletinId: Type.String(),
  publishedAt: Nullable(Type.String()),
  tiers: Type.Array(TierReach),
  opens: Type.Integer(),
  uniqueReaders: Type.Integer(),
  shares: Type.Integer(),
  withinHours: Type.Number(),
  notReached: Type.Array(UnreachedGroup, { description: '发布后规定时间内无人打开的已登记群及其负责人' }),
})
export type BulletinReach = Static<typeof BulletinReach>

export const ShareTreeNode = Type.Object({
  id: Type.String(), parentId: Nullable(Type.String()), tier: Type.Integer(), sharerName: Nullable(Type.String()),
  groupName: Nullable(Type.String()), createdAt: Type.String(), opens: Type.Integer(),
})
export type ShareTreeNode = Static<typeof ShareTreeNode>

export const DailyReach = Type.Object({
  date: Type.String(), bulletins: Type.Integer(), groupsReached: Type.Object({ tier1: Type.Integer(), tier2: Type.Integer() }),
  opens: Type.Integer(), uniqueReaders: Type.Integer(),
})
export type DailyReach = Static<typeof DailyReach>

export const CadreForwarding = Type.Object({
  userId: Type.String(), name: Type.String(), regionName: Type.String(), groupsOwned: Type.Integer(), bulletinsPublished: Type.Integer(),
  bulletinsForwarded: Type.Integer({ description: '期间内至少转发过一次的通报数' }), groupsReached: Type.Integer(), lastForwardedAt: Nullable(Type.String()),
})
export type CadreForwarding = Static<typeof CadreForwarding>

export const ReachQuery = Type.Object({
  withinHours: Type.Number({ minimum: 0.5, maximum: 168, default: DEFAULT_WITHIN_HOURS, description: '多少小时内未打开算未触达' }),
})
export const DailyReachQuery = Type.Object({ regionId: Type.Optional(RegionId), from: Day, to: Day })
export type DailyReachQuery = Static<typeof DailyReachQuery>
export const CadreQuery = Type.Object({ regionId: Type.Optional(RegionId), days: Type.Integer({ minimum: 1, maximum: 365, default: 30 }) })
export type CadreQuery = Static<typeof CadreQuery>

const ById = Type.Object({ id: Uuid })

export const reachEndpoints = {
  'GET /api/bulletins/:id/reach': { params: ById, query: ReachQuery, response: BulletinReach },
  'GET /api/bulletins/:id/tree': { params: ById, response: Type.Array(ShareTreeNode) },
  'GET /api/reach/daily': { query: DailyReachQuery, response: Type.Array(DailyReach) },
  'GET /api/reach/cadres': { query: CadreQuery, response: Type.Array(CadreForwarding) },
}
