import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { MEMBERSHIP_EVENT_LABELS } from '#core/membership'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, ErrorResponse } from '../../plugins/schemas'
import { MeRole, PageQuery, PlainText, RegionId, RoleName, Uuid } from '#contract/common'

const ManagedUser = Type.Object({ id: Type.String(), displayName: Type.String(), active: Type.Boolean(), roles: Type.Array(MeRole) })
const ManagedUserDetail = Type.Object({
  ...ManagedUser.properties,
  createdAt: Type.String({ format: 'date-time' }),
  history: Type.Array(Type.Object({
    at: Type.String({ format: 'date-time' }),
    action: Type.Enum(Object.keys(MEMBERSHIP_EVENT_LABELS)),
    text: Type.String(),
    actorName: Type.Union([Type.String(), Type.Null()]),
  })),
})
const ListQuery = Type.Object({
  q: Type.Optional(PlainText({ maxLength: 40, description: '按姓名搜索' })),
  role: Type.Optional(RoleName),
  regionId: Type.Optional(RegionId),
  status: Type.Optional(Type.Enum(['active', 'inactive'])),
  ...PageQuery,
})
const UserParams = Type.Object({ id: Uuid })
const RoleRef = Type.Object({ role: RoleName, regionId: RegionId })
const RoleMove = Type.Object({ role: RoleName, fromRegionId: RegionId, toRegionId: RegionId })
const CHANGE_ERRORS = { ...COMMON_ERRORS, 409: ErrorResponse }

const TAGS = ['用户']

export default async function userRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const users = services.users

  app.get('/api/users', {
    schema: {
      tags: TAGS,
      summary: '人员管理：辖区内的工作人员和居民及其角色（按姓名、角色、区域、状态筛选，分页）',
      querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(ManagedUser), total: Type.Integer() }), ...COMMON_ERRORS },
    },
  }, (req) => users.list(callerOf(req), req.query))

  app.get('/api/users/:id', {
    schema: { tags: TAGS, summary: '一位用户：辖区内的角色和变更记录', params: UserParams, response: { 200: ManagedUserDetail, ...COMMON_ERRORS } },
  }, (req) => users.detail(callerOf(req), req.params.id))

  app.post('/api/users/:id/roles/remove', {
    schema: { tags: TAGS, summary: '移除一个角色（管理员；不能移除自己的，也不能移除区县最后一位管理员）', params: UserParams, body: RoleRef, response: { 200: ManagedUserDetail, ...CHANGE_ERRORS } },
  }, (req) => users.removeRole(callerOf(req), req.params.id, req.body))

  app.post('/api/users/:id/roles/move', {
    schema: { tags: TAGS, summary: '调整一个角色的辖区（管理员）', params: UserParams, body: RoleMove, response: { 200: ManagedUserDetail, ...CHANGE_ERRORS } },
  }, (req) => users.moveRole(callerOf(req), req.params.id, req.body))

  app.post('/api/users/:id/deactivate', {
    schema: { tags: TAGS, summary: '停用账号：所有会话立即失效（管理员）', params: UserParams, response: { 200: ManagedUserDetail, ...CHANGE_ERRORS } },
  }, (req) => users.deactivate(callerOf(req), req.params.id))

  app.post('/api/users/:id/reactivate', {
    schema: { tags: TAGS, summary: '恢复账号（管理员）', params: UserParams, response: { 200: ManagedUserDetail, ...CHANGE_ERRORS } },
  }, (req) => users.reactivate(callerOf(req), req.params.id))
}
