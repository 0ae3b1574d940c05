import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInRoutes } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema, ErrorResponse } from '../../plugins/schemas'

const REFUSALS = { ...COMMON_ERRORS, 409: ErrorResponse }

const TAGS = ['邀请']
/** The H5 app's join page; the weapp opens the same URL through 扫普通链接二维码打开小程序. */
const JOIN_PAGE = '/#/packages/account/pages/join/index'

export default async function invitationRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const invitations = services.invitations

  await signedInRoutes(app, (signedIn) => {
    signedIn.post('/api/invitations', {
      schema: { tags: TAGS, summary: '邀请工作人员：管理员邀请辖区内任意工作角色，村干部邀请本村网格员', ...contractSchema('POST /api/invitations') },
    }, (req) => invitations.create(callerOf(req), req.body))

    signedIn.get('/api/invitations', {
      schema: { tags: TAGS, summary: '我能管理的邀请（最新在前）', ...contractSchema('GET /api/invitations') },
    }, async (req) => ({ items: await invitations.list(callerOf(req)) }))

    signedIn.post('/api/invitations/:code/revoke', {
      schema: { tags: TAGS, summary: '作废邀请', ...contractSchema('POST /api/invitations/:code/revoke') },
    }, (req) => invitations.revoke(callerOf(req), req.params.code))

    signedIn.get('/api/invitations/:code', {
      schema: { tags: TAGS, summary: '查看邀请：谁邀请、什么角色、哪个区域', ...contractSchema('GET /api/invitations/:code') },
    }, (req) => invitations.preview(callerOf(req), req.params.code))

    signedIn.post('/api/invitations/:code/accept', {
      schema: { tags: TAGS, summary: '接受邀请，获得角色', ...contractSchema('POST /api/invitations/:code/accept', REFUSALS) },
    }, (req) => invitations.accept(callerOf(req), req.params.code))
  })

  // The address in every invitation QR code: hand it to the H5 join page.
  app.get('/join/:code', { schema: { hide: true, params: Type.Object({ code: Type.String() }) } }, (req, reply) => {
    const code = /^[A-Za-z0-9]{1,16}$/.test(req.params.code) ? req.params.code : ''
    return reply.redirect(code ? `${JOIN_PAGE}?code=${code}` : JOIN_PAGE, 302)
  })
}
