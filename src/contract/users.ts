import { Type, type Static } from 'typebox'
import { MEMBERSHIP_EVENT_LABELS, type MembershipEvent } from '../core/membership'
import { MeRole, Page, PageQuery, PlainText, RegionId, RoleName, Uuid } from './common'

/** 人员管理: the people in an admin's scope, their roles there and what happened to them. */

export const ManagedUser = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  active: Type.Boolean(),
  roles: Type.Array(MeRole, { description: '仅限调用者辖区内的角色' }),
})
export type ManagedUser = Static<typeof ManagedUser>

export const UserHistoryEntry = Type.Object({
  at: Type.String({ format: 'date-time' }),
  action: Type.Enum(Object.keys(MEMBERSHIP_EVENT_LABELS) as MembershipEvent[]),
  text: Type.String({ description: '如“授予角色 网格员 · 东胜村 第1网格”' }),
  actorName: Type.Union([Type.String(), Type.Null()]),
})
export type UserHistoryEntry = Static<typeof UserHistoryEntry>

export const ManagedUserDetail = Type.Object({
  ...ManagedUser.properties,
  createdAt: Type.String({ format: 'date-time' }),
  history: Type.Array(UserHistoryEntry),
})
export type ManagedUserDetail = Static<typeof ManagedUserDetail>

export const UserQuery = Type.Object({
  q: Type.Optional(PlainText({ maxLength: 40, description: '按姓名搜索' })),
  role: Type.Optional(RoleName),
  regionId: Type.Optional(RegionId),
  status: Type.Optional(Type.Enum(['active', 'inactive'])),
  ...PageQuery,
})
export type UserQuery = Static<typeof UserQuery>

export const RoleRef = Type.Object({ role: RoleName, regionId: RegionId })
export type RoleRef = Static<typeof RoleRef>

export const RoleMove = Type.Object({ role: RoleName, fromRegionId: RegionId, toRegionId: RegionId })
export type RoleMove = Static<typeof RoleMove>

const UserParams = Type.Object({ id: Uuid })

export const userEndpoints = {
  'GET /api/users': { query: UserQuery, response: Page(ManagedUser) },
  'GET /api/users/:id': { params: UserParams, response: ManagedUserDetail },
  'POST /api/users/:id/roles/remove': { params: UserParams, body: RoleRef, response: ManagedUserDetail },
  'POST /api/users/:id/roles/move': { params: UserParams, body: RoleMove, response: ManagedUserDetail },
  'POST /api/users/:id/deactivate': { params: UserParams, response: ManagedUserDetail },
  'POST /api/users/:id/reactivate': { params: UserParams, response: ManagedUserDetail },
}
