import type { Page, UserSummary } from '../../../../src/core/api-types'
import type { AppContext } from '../../context'
import { scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import { UserRepo } from './repo'

export class UserService {
  private readonly repo: UserRepo

  constructor(ctx: AppContext) {
    this.repo = new UserRepo(ctx.db)
  }

  async list(caller: SessionUser, query: { regionId?: string; page: number; pageSize: number }): Promise<Page<UserSummary>> {
    const paths = await scopeFor(caller.roles, 'user.read', query.regionId, (id) => this.repo.findRegionPath(id))
    return this.repo.listUnder(paths, query.page, query.pageSize)
  }
}
