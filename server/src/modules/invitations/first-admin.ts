import type { Config } from '../../config'
import type { Database } from '../../db/database'
import { AppError } from '../../errors'
import { AppMetrics } from '../../metrics/app-metrics'
import { SessionCache } from '../auth/session-cache'
import { SessionInvalidation } from '../auth/session-invalidation'
import { HttpWeChatApi } from '../../wechat/http-wechat-api'
import { ensureBundledRegion } from '../../seed/bundled-regions'
import { findRegionRef, spokenName } from '../users/region-ref'
import { AuthRepo } from '../auth/repo'
import { AuthService } from '../auth/service'
import { SessionRepo } from '../auth/session-repo'
import { UserRepo } from '../users/repo'
import { InvitationRepo } from './repo'
import { joinPathOf, InvitationService } from './service'

export interface FirstAdminInvitation {
  code: string
  url: string
  regionName: string
  expiresAt: Date
}

/**
 * How a station starts from nothing: a one-use admin invitation for its county or town, issued by nobody. The
 * person who accepts it invites everyone else.
 */
export async function createFirstAdminInvitation(
  database: Database,
  config: Config,
  regionCode: string,
  opts: { hours?: number; now?: () => Date } = {},
): Promise<FirstAdminInvitation> {
  if (!(await ensureBundledRegion(database.db, regionCode))) {
    throw new AppError('REGION_NOT_FOUND', 404, `找不到区域 ${regionCode}：请先导入辖区，或使用仓库自带的江津区区划代码（如 500116）`)
  }
  const region = (await findRegionRef(database.db, regionCode))!
  if (region.level !== 'county' && region.level !== 'town') {
    throw new AppError('ROLE_REGION_MISMATCH', 400, `管理员只能设在区县或镇街，${spokenName(region)} 是${region.level === 'village' ? '村社区' : '网格'}`)
  }
  const sessionCache = new SessionCache()
  const ctx = {
    config, database, db: database.db, sessionCache, metrics: new AppMetrics(database), sessionInvalidation: new SessionInvalidation(database, sessionCache),
    wechat: new HttpWeChatApi(config.wechatApiBase, config.wechatAppId, config.wechatSecret), now: opts.now ?? (() => new Date()),
  }
  const auth = new AuthService(ctx, new AuthRepo(database.db), new SessionRepo(database.db))
  const invitations = new InvitationService(ctx, auth, new InvitationRepo(database.db), new UserRepo(database.db))
  const inv = await invitations.issue({
    role: 'admin', regionId: region.id, countyId: region.countyId, createdBy: null, maxUses: 1, expiresInHours: opts.hours ?? 72,
  })
  return { code: inv.code, url: `${config.publicBaseUrl}${joinPathOf(inv.code)}`, regionName: spokenName(region), expiresAt: inv.expiresAt }
}
