import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { INVITATION_LIMITS, INVITATION_STATUS_LABELS, STAFF_ROLES } from '#core/membership'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInRoutes } from '../../plugins/route-groups'
import { COMMON_ERRORS, ErrorResponse } from '../../plugins/schemas'
import { MeRole, RegionId } from '#contract/common'

const StaffRole = Type.Enum([...STAFF_ROLES])
const Status = Type.Enum(Object.keys(INVITATION_STATUS_LABELS))
const Invitation = Type.Object({
  code: Type.String(), url: Type.String({ description: '二维码内容：PUBLIC_BASE_URL/join/<邀请码>' }), qrSvg: Type.String(),
  role: StaffRole, regionId: Type.String(), regionName: Type.String(), maxUses: Type.Integer(), usedCount: Type.Integer(),
  expiresAt: Type.String({ format: 'date-time' }), createdAt: Type.String({ format: 'date-time' }), inviterName: Type.String(), status: Status,
})
const InvitationInput = Type.Object({
  role: StaffRole,
  regionId: RegionId,
  maxUses: Type.Integer({ minimum: 1, maximum: INVITATION_LIMITS.maxUses, default: 1, description: '可使用次数' }),
  expiresInHours: Type.Integer({ minimum: 1, maximum: INVITATION_LIMITS.maxHours, default: INVITATION_LIMITS.defaultHours, description: '有效期（小时）' }),
})
const Preview = Type.Object({
  code: Type.String(), role: StaffRole, regionName: Type.String(), inviterName: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }), status: Status, alreadyHeld: Type.Boolean(),
})
// Typed by hand from a phone: case, spaces and dashes are forgiven by the service.
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9 -]+$' }) })
const Me = Type.Object({ id: Type.String(), displayName: Type.String(), roles: Type.Array(MeRole) })
const REFUSALS = { ...COMMON_ERRORS, 409: ErrorResponse }

const TAGS = ['邀请']
/** The H5 app's join page; the weapp opens the same URL through 扫普通链接二维码打开小程序. */
const JOIN_PAGE = '/#/packages/account/pages/join/index'

export default async function invitationRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const invitations = services.invitations

  await signedInRoutes(app, (signedIn) => {
    signedIn.post('/api/invitations', {
      schema: { tags: TAGS, summary: '邀请工作人员：管理员邀请辖区内任意工作角色，村干部邀请本村网格员', body: InvitationInput, response: { 200: Invitation, ...COMMON_ERRORS } },
    }, (req) => invitations.create(callerOf(req), req.body))

    signedIn.get('/api/invitations', {
      schema: { tags: TAGS, summary: '我能管理的邀请（最新在前）', response: { 200: Type.Object({ items: Type.Array(Invitation) }), ...COMMON_ERRORS } },
    }, async (req) => ({ items: await invitations.list(callerOf(req)) }))

    signedIn.post('/api/invitations/:code/revoke', {
      schema: { tags: TAGS, summary: '作废邀请', params: CodeParams, response: { 200: Invitation, ...COMMON_ERRORS } },
    }, (req) => invitations.revoke(callerOf(req), req.params.code))

    signedIn.get('/api/invitations/:code', {
      schema: { tags: TAGS, summary: '查看邀请：谁邀请、什么角色、哪个区域', params: CodeParams, response: { 200: Preview, ...COMMON_ERRORS } },
    }, (req) => invitations.preview(callerOf(req), req.params.code))

    signedIn.post('/api/invitations/:code/accept', {
      schema: { tags: TAGS, summary: '接受邀请，获得角色', params: CodeParams, response: { 200: Type.Object({ me: Me }), ...REFUSALS } },
    }, (req) => invitations.accept(callerOf(req), req.params.code))
  })

  // The address in every invitation QR code: hand it to the H5 join page.
  app.get('/join/:code', { schema: { hide: true, params: Type.Object({ code: Type.String() }) } }, (req, reply) => {
    const code = /^[A-Za-z0-9]{1,16}$/.test(req.params.code) ? req.params.code : ''
    return reply.redirect(code ? `${JOIN_PAGE}?code=${code}` : JOIN_PAGE, 302)
  })
}
