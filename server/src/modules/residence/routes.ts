import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { AppError } from '../../errors'
import { callerOf } from '../../plugins/auth'
import { signedInRoutes } from '../../plugins/route-groups'
import { COMMON_ERRORS, ErrorResponse } from '../../plugins/schemas'
import { MeRole, RegionId } from '#contract/common'

const PlaceTown = Type.Object({
  id: Type.String(), name: Type.String(), countyName: Type.String(),
  villages: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
})
const Residence = Type.Object({
  villageId: Type.String(), villageName: Type.String(), townName: Type.String(),
  householdCode: Type.Union([Type.String(), Type.Null()]), boundAt: Type.String({ format: 'date-time' }),
})
const Me = Type.Object({ id: Type.String(), displayName: Type.String(), roles: Type.Array(MeRole) })
// One object rather than a union: the server's validator strips unknown properties, which would empty a union's second branch.
const ResidenceInput = Type.Object({
  villageId: Type.Optional(RegionId),
  doorToken: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
}, { description: '从村社区列表选择（villageId），或在门牌前点「我住这里」（doorToken），二者选一' })

const TAGS = ['居民']

export default async function residenceRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const residence = services.residence

  app.get('/api/places', {
    schema: { tags: TAGS, summary: '镇街和村社区列表（选择居住地用，无需登录）', response: { 200: Type.Object({ towns: Type.Array(PlaceTown) }) } },
  }, async () => ({ towns: await residence.places() }))

  await signedInRoutes(app, (signedIn) => {
    signedIn.get('/api/me/residence', {
      schema: { tags: TAGS, summary: '我的居住地', response: { 200: Type.Object({ residence: Type.Union([Residence, Type.Null()]) }), ...COMMON_ERRORS } },
    }, async (req) => ({ residence: await residence.residence(callerOf(req)) }))

    signedIn.put('/api/me/residence', {
      schema: {
        tags: TAGS,
        summary: '登记或变更居住地：成为该村社区的居民（只能是村社区，一次一个）',
        body: ResidenceInput,
        response: { 200: Type.Object({ residence: Residence, me: Me }), ...COMMON_ERRORS, 410: ErrorResponse },
      },
    }, (req) => {
      const { doorToken, villageId } = req.body
      if (doorToken) return residence.bind(callerOf(req), { doorToken })
      if (villageId) return residence.bind(callerOf(req), { villageId })
      throw new AppError('RESIDENCE_VILLAGE_REQUIRED', 400)
    })

    signedIn.delete('/api/me/residence', {
      schema: { tags: TAGS, summary: '注销居民身份：解除居住地，删除本人的答题和领奖记录（只保留匿名统计）', response: { 204: Type.Null(), ...COMMON_ERRORS } },
    }, async (req, reply) => {
      await residence.leave(callerOf(req))
      return reply.status(204).send(null)
    })

    signedIn.get('/api/me/data', {
      schema: {
        tags: TAGS,
        summary: '本人被保存的信息（隐私政策承诺可查）',
        response: {
          200: Type.Object({
            displayName: Type.String(), createdAt: Type.String({ format: 'date-time' }), roles: Type.Array(MeRole),
            residence: Type.Union([Residence, Type.Null()]), quizAttempts: Type.Integer(), prizeClaims: Type.Integer(),
          }),
          ...COMMON_ERRORS,
        },
      },
    }, (req) => residence.myData(callerOf(req)))
  })
}
