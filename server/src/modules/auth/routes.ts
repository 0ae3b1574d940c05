import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInRoutes } from '../../plugins/route-groups'
import { contractSchema, ErrorResponse } from '../../plugins/schemas'

const TAGS = ['登录']

export default async function authRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const auth = services.auth

  app.post('/api/auth/wechat-login', {
    schema: {
      tags: TAGS,
      summary: '微信登录：用 wx.login 的 code 换取会话',
      ...contractSchema('POST /api/auth/wechat-login', { 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse, 502: ErrorResponse }),
    },
  }, (req) => auth.wechatLogin(req.body.code))

  await signedInRoutes(app, (signedIn) => {
    signedIn.post('/api/auth/logout', {
      schema: { tags: TAGS, summary: '退出登录', ...contractSchema('POST /api/auth/logout', { 401: ErrorResponse }) },
    }, async (req, reply) => {
      await auth.logout(callerOf(req))
      return reply.status(204).send(null)
    })

    signedIn.get('/api/me', {
      schema: { tags: TAGS, summary: '当前用户及其角色', ...contractSchema('GET /api/me', { 401: ErrorResponse }) },
    }, (req) => auth.me(callerOf(req).id))
  })

  // Demo logins exist only in demo mode: in production the routes are not there at all, not merely refused.
  const demo = services.demoLogin
  if (!demo) return

  app.get('/api/auth/demo-personas', {
    schema: { tags: TAGS, summary: '演示账号列表（仅演示模式）', ...contractSchema('GET /api/auth/demo-personas', {}) },
  }, async () => ({ personas: await demo.personaList() }))

  app.post('/api/auth/demo-login', {
    schema: {
      tags: TAGS,
      summary: '以演示账号登录（仅演示模式）',
      ...contractSchema('POST /api/auth/demo-login'),
    },
  }, (req) => demo.login(req.body.personaId))

  app.post('/api/auth/demo-signup', {
    schema: {
      tags: TAGS,
      summary: '以新用户身份登录（仅演示模式）：没有任何角色，如同第一次微信登录',
      ...contractSchema('POST /api/auth/demo-signup'),
    },
  }, (req) => demo.signup(req.body.displayName.trim() || '新用户'))
}
