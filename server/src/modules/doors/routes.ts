import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { BEARER, COMMON_ERRORS, ErrorResponse, contractSchema } from '../../plugins/schemas'
import { looksLikeLabelToken } from '../labels/label-token'

const TAGS = ['门牌']
/** The H5 app's door page; the app is served from the root with hash routing. */
const DOOR_PAGE = '/#/pages/door/index'

export default async function doorRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const doors = services.doors

  app.get('/api/doors/:token', {
    schema: {
      tags: TAGS,
      summary: '扫门牌二维码：无需登录；网格员等看到住户，居民看到反诈提示',
      security: [...BEARER, {}],
      ...contractSchema('GET /api/doors/:token', { ...COMMON_ERRORS, 410: ErrorResponse }),
    },
  }, (req) => doors.open(req.user, req.params.token))

  // The address printed in every door QR code: hand it to the H5 door page, which calls the route above.
  app.get('/h/:token', {
    schema: { hide: true, params: Type.Object({ token: Type.String() }) },
  }, (req, reply) => {
    const { token } = req.params
    return reply.redirect(looksLikeLabelToken(token) ? `${DOOR_PAGE}?token=${token}` : DOOR_PAGE, 302)
  })
}
