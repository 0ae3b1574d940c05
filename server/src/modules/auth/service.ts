import type { LoginResult, Me } from '#contract/auth'
import type { AppContext } from '../../context'
import { FieldCipher } from '../../crypto/field-cipher'
import { AppError } from '../../errors'
import { WeChatError } from '../../wechat/wechat-api'
import { AuthRepo } from './repo'
import { SessionRepo } from './session-repo'
import type { SessionUser } from './session-user'
import { hashSessionToken, newSessionToken } from './tokens'

/** WeChat's refusals as the app should understand them: a stale code means "log in again", not "try later". */
function loginRefusal(error: unknown): AppError {
  const errcode = error instanceof WeChatError ? error.errcode : -1
  if (errcode === 40029 || errcode === 40163) return new AppError('WECHAT_CODE_INVALID', 401)
  if (errcode === 45011) return new AppError('RATE_LIMITED', 429)
  return new AppError('WECHAT_UNAVAILABLE', 502)
}

export class AuthService {
  private readonly sessionKeys: FieldCipher

  constructor(private readonly ctx: AppContext, private readonly repo: AuthRepo, private readonly sessions: SessionRepo) {
    this.sessionKeys = new FieldCipher(ctx.config.sessionSecret, 'wechat-session-key')
  }

  async wechatLogin(code: string): Promise<LoginResult> {
    let session
    try {
      session = await this.ctx.wechat.code2Session(code)
    } catch (e) {
      throw loginRefusal(e)
    }
    const sessionKeyEnc = this.sessionKeys.encrypt(session.sessionKey)
    // A first login writes the user and the session together: never a user left behind by a failed session insert.
    const opened = await this.ctx.db.transaction().execute(async (trx) => {
      const user = await new AuthRepo(trx).upsertByOpenid(session.openid)
      if (user.deactivated) throw new AppError('USER_DEACTIVATED', 403)
      return { userId: user.id, ...(await this.newSession(new SessionRepo(trx), user.id, sessionKeyEnc)) }
    })
    return { token: opened.token, expiresAt: opened.expiresAt, user: await this.me(opened.userId) }
  }

  /** A new session for the user, answered as a login is. */
  async signIn(userId: string): Promise<LoginResult> {
    return { ...(await this.newSession(this.sessions, userId, null)), user: await this.me(userId) }
  }

  async logout(caller: SessionUser): Promise<void> {
    await this.sessions.revoke(caller.tokenHash, this.ctx.now())
    this.ctx.sessionCache.forget(caller.tokenHash)
    // Other instances may remember this session for a few seconds more: they forget the user's sessions and look
    // the others up again.
    await this.ctx.sessionInvalidation.announce(this.ctx.db, caller.id)
    await this.ctx.sessionInvalidation.committed(caller.id)
  }

  async me(userId: string): Promise<Me> {
    const user = await this.repo.findUser(userId)
    if (!user) throw new AppError('AUTH_INVALID', 401)
    if (user.deactivated) throw new AppError('USER_DEACTIVATED', 401)
    return { id: user.id, displayName: user.displayName, roles: await this.repo.rolesWithNames(user.id) }
  }

  /** Only the token's HMAC is stored; the token itself leaves once, in this answer. */
  private async newSession(sessions: SessionRepo, userId: string, sessionKeyEnc: string | null): Promise<{ token: string; expiresAt: string }> {
    const token = newSessionToken()
    const expiresAt = new Date(this.ctx.now().getTime() + this.ctx.config.sessionTtlHours * 3600_000)
    await sessions.create({ tokenHash: hashSessionToken(this.ctx.config.sessionSecret, token), userId, expiresAt, sessionKeyEnc })
    return { token, expiresAt: expiresAt.toISOString() }
  }
}
