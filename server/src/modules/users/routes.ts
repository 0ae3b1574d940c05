import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppContext } from '../../context'
import { callerOf } from '../../plugins/auth'
import { BEARER, COMMON_ERRORS, MeRoleSchema, PageQuery, RegionId } from '../../plugins/schemas'
import { UserService } from './service'

const UserSummary = Type.Object({ id: Type.String(), displayName: Type.String(), roles: Type.Array(MeRoleSchema) })
const ListQuery = Type.Object({ regionId: Type.Optional(RegionId), ...PageQuery })

export default async function userRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const users = new UserService(ctx)

  app.get('/api/users', {
    schema: {
      tags: ['用户'],
      summary: '辖区内的工作人员及其角色',
      security: BEARER,
      querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(UserSummary), total: Type.Integer() }), ...COMMON_ERRORS },
    },
    preHandler: app.requireUser,
  }, (req) => users.list(callerOf(req), req.query))
}
