import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema, ErrorResponse } from '../../plugins/schemas'

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
      ...contractSchema('GET /api/users'),
    },
  }, (req) => users.list(callerOf(req), req.query))

  app.get('/api/users/:id', {
    schema: { tags: TAGS, summary: '一位用户：辖区内的角色和变更记录', ...contractSchema('GET /api/users/:id') },
  }, (req) => users.detail(callerOf(req), req.params.id))

  app.post('/api/users/:id/roles/remove', {
    schema: { tags: TAGS, summary: '移除一个角色（管理员；不能移除自己的，也不能移除区县最后一位管理员）', ...contractSchema('POST /api/users/:id/roles/remove', CHANGE_ERRORS) },
  }, (req) => users.removeRole(callerOf(req), req.params.id, req.body))

  app.post('/api/users/:id/roles/move', {
    schema: { tags: TAGS, summary: '调整一个角色的辖区（管理员）', ...contractSchema('POST /api/users/:id/roles/move', CHANGE_ERRORS) },
  }, (req) => users.moveRole(callerOf(req), req.params.id, req.body))

  app.post('/api/users/:id/deactivate', {
    schema: { tags: TAGS, summary: '停用账号：所有会话立即失效（管理员）', ...contractSchema('POST /api/users/:id/deactivate', CHANGE_ERRORS) },
  }, (req) => users.deactivate(callerOf(req), req.params.id))

  app.post('/api/users/:id/reactivate', {
    schema: { tags: TAGS, summary: '恢复账号（管理员）', ...contractSchema('POST /api/users/:id/reactivate', CHANGE_ERRORS) },
  }, (req) => users.reactivate(callerOf(req), req.params.id))
}
