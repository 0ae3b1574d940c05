import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInRoutes } from '../../plugins/route-groups'
import { COMMON_ERRORS, ErrorResponse } from '../../plugins/schemas'
import { MeRole, PlainText } from '#contract/common'

const Me = Type.Object({ id: Type.String(), displayName: Type.String(), roles: Type.Array(MeRole) })
const LoginResult = Type.Object({
  token: Type.String({ description: '放入 Authorization: Bearer <token>' }),
  expiresAt: Type.String({ format: 'date-time' }),
  user: Me,
})
const DemoPersona = Type.Object({ id: Type.String(), label: Type.String(), displayName: Type.String(), description: Type.String() })

const TAGS = ['登录']

export default async function authRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const auth = services.auth

  app.post('/api/auth/wechat-login', {
    schema: {
      tags: TAGS,
      summary: '微信登录：用 wx.login 的 code 换取会话',
      body: Type.Object({ code: PlainText({ minLength: 1, maxLength: 128, description: 'wx.login 返回的 code' }) }),
      response: { 200: LoginResult, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse, 502: ErrorResponse },
    },
  }, (req) => auth.wechatLogin(req.body.code))

  await signedInRoutes(app, (signedIn) => {
    signedIn.post('/api/auth/logout', {
      schema: { tags: TAGS, summary: '退出登录', response: { 204: Type.Null(), 401: ErrorResponse } },
    }, async (req, reply) => {
      await auth.logout(callerOf(req))
      return reply.status(204).send(null)
    })

    signedIn.get('/api/me', {
      schema: { tags: TAGS, summary: '当前用户及其角色', response: { 200: Me, 401: ErrorResponse } },
    }, (req) => auth.me(callerOf(req).id))
  })

  // Demo logins exist only in demo mode: in production the routes are not there at all, not merely refused.
  const demo = services.demoLogin
  if (!demo) return

  app.get('/api/auth/demo-personas', {
    schema: { tags: TAGS, summary: '演示账号列表（仅演示模式）', response: { 200: Type.Object({ personas: Type.Array(DemoPersona) }) } },
  }, async () => ({ personas: await demo.personaList() }))

  app.post('/api/auth/demo-login', {
    schema: {
      tags: TAGS,
      summary: '以演示账号登录（仅演示模式）',
      body: Type.Object({ personaId: PlainText({ minLength: 1, maxLength: 64 }) }),
      response: { 200: LoginResult, ...COMMON_ERRORS },
    },
  }, (req) => demo.login(req.body.personaId))

  app.post('/api/auth/demo-signup', {
    schema: {
      tags: TAGS,
      summary: '以新用户身份登录（仅演示模式）：没有任何角色，如同第一次微信登录',
      body: Type.Object({ displayName: PlainText({ minLength: 1, maxLength: 20, description: '称呼' }) }),
      response: { 200: LoginResult, ...COMMON_ERRORS },
    },
  }, (req) => demo.signup(req.body.displayName.trim() || '新用户'))
}
