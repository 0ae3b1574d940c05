import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { AppError } from '../../errors'
import { callerOf } from '../../plugins/auth'
import { signedInRoutes } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema, ErrorResponse } from '../../plugins/schemas'

const TAGS = ['居民']

export default async function residenceRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const residence = services.residence

  app.get('/api/places', {
    schema: { tags: TAGS, summary: '镇街和村社区列表（选择居住地用，无需登录）', ...contractSchema('GET /api/places', {}) },
  }, async () => ({ towns: await residence.places() }))

  await signedInRoutes(app, (signedIn) => {
    signedIn.get('/api/me/residence', {
      schema: { tags: TAGS, summary: '我的居住地', ...contractSchema('GET /api/me/residence') },
    }, async (req) => ({ residence: await residence.residence(callerOf(req)) }))

    signedIn.put('/api/me/residence', {
      schema: {
        tags: TAGS,
        summary: '登记或变更居住地：成为该村社区的居民（只能是村社区，一次一个）',
        ...contractSchema('PUT /api/me/residence', { ...COMMON_ERRORS, 410: ErrorResponse }),
      },
    }, (req) => {
      const { doorToken, villageId } = req.body
      if (doorToken) return residence.bind(callerOf(req), { doorToken })
      if (villageId) return residence.bind(callerOf(req), { villageId })
      throw new AppError('RESIDENCE_VILLAGE_REQUIRED', 400)
    })

    signedIn.delete('/api/me/residence', {
      schema: { tags: TAGS, summary: '注销居民身份：解除居住地，删除本人的答题和领奖记录（只保留匿名统计）', ...contractSchema('DELETE /api/me/residence') },
    }, async (req, reply) => {
      await residence.leave(callerOf(req))
      return reply.status(204).send(null)
    })

    signedIn.get('/api/me/data', {
      schema: {
        tags: TAGS,
        summary: '本人被保存的信息（隐私政策承诺可查）',
        ...contractSchema('GET /api/me/data'),
      },
    }, (req) => residence.myData(callerOf(req)))
  })
}
