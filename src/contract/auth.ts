import { Type, type Static } from 'typebox'
import { MeRole, NoContent, PlainText } from './common'

/** Signing in (WeChat, or the demo personas in demo mode only) and who the signed-in person is. */

export const Me = Type.Object({ id: Type.String(), displayName: Type.String(), roles: Type.Array(MeRole) })
export type Me = Static<typeof Me>

export const LoginResult = Type.Object({
  token: Type.String({ description: '放入 Authorization: Bearer <token>' }),
  expiresAt: Type.String({ format: 'date-time' }),
  user: Me,
})
export type LoginResult = Static<typeof LoginResult>

export const DemoPersona = Type.Object({
  id: Type.String(),
  label: Type.String({ description: '如“派出所民警”' }),
  displayName: Type.String(),
  description: Type.String(),
})
export type DemoPersona = Static<typeof DemoPersona>

export const authEndpoints = {
  'POST /api/auth/logout': { response: NoContent, noContent: true as const },
  'POST /api/auth/wechat-login': {
    body: Type.Object({ code: PlainText({ minLength: 1, maxLength: 128, description: 'wx.login 返回的 code' }) }),
    response: LoginResult,
  },
  'GET /api/me': { response: Me },
  'GET /api/auth/demo-personas': { response: Type.Object({ personas: Type.Array(DemoPersona) }) },
  'POST /api/auth/demo-login': { body: Type.Object({ personaId: PlainText({ minLength: 1, maxLength: 64 }) }), response: LoginResult },
  'POST /api/auth/demo-signup': {
    body: Type.Object({ displayName: PlainText({ minLength: 1, maxLength: 20, description: '称呼' }) }),
    response: LoginResult,
  },
}
