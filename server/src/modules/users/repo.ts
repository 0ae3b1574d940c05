import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MeRole, Page, UserSummary } from '../../../../src/core/api-types'
import { isRole } from '../../../../src/core/roles'
import type { DB } from '../../db/schema'
import { pathUnderAny } from '../../plugins/scope-filter'

export class UserRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** Users holding a role somewhere under the paths, with just those roles: other regions' roles stay private. */
  async listUnder(paths: readonly string[], page: number, pageSize: number): Promise<Page<UserSummary>> {
    const holders = this.db
      .selectFrom('role_assignments')
      .innerJoin('regions', 'regions.id', 'role_assignments.region_id')
      .select('role_assignments.user_id')
      .where(pathUnderAny('regions.path', paths))
    const [{ total }, users] = await Promise.all([
      this.db.selectFrom('users').select(sql<number>`count(*)::int`.as('total')).where('id', 'in', holders).executeTakeFirstOrThrow(),
      this.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', holders)
        .orderBy('display_name').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    ])
    const roles = new Map<string, MeRole[]>()
    if (users.length > 0) {
      const rows = await this.db
        .selectFrom('role_assignments')
        .innerJoin('regions', 'regions.id', 'role_assignments.region_id')
        .select(['role_assignments.user_id', 'role_assignments.role', 'regions.id', 'regions.name', 'regions.path'])
        .where('role_assignments.user_id', 'in', users.map((u) => u.id))
        .where(pathUnderAny('regions.path', paths))
        .orderBy('regions.path')
        .orderBy('role_assignments.role')
        .execute()
      for (const r of rows) {
        if (!isRole(r.role)) continue
        const list = roles.get(r.user_id) ?? []
        list.push({ role: r.role, regionId: r.id, regionName: r.name, regionPath: r.path })
        roles.set(r.user_id, list)
      }
    }
    return { total, items: users.map((u) => ({ id: u.id, displayName: u.display_name, roles: roles.get(u.id) ?? [] })) }
  }

  async findRegionPath(id: string): Promise<string | null> {
    const row = await this.db.selectFrom('regions').select('path').where('id', '=', id).executeTakeFirst()
    return row?.path ?? null
  }
}
