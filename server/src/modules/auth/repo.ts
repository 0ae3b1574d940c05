import type { Kysely } from 'kysely'
import type { MeRole } from '#contract/common'
import { isRole } from '#core/roles'
import { gridTitle } from '#core/regions'
import type { DB } from '../../db/schema'

export interface UserRow {
  id: string
  displayName: string
  deactivated: boolean
}

export const NEW_WECHAT_USER_NAME = '微信用户'

export class AuthRepo {
  constructor(private readonly db: Kysely<DB>) {}

  /** One row per openid even when two first logins race: the loser of the insert reads the winner's row. */
  async upsertByOpenid(openid: string): Promise<UserRow> {
    const row = await this.db
      .insertInto('users')
      .values({ openid, display_name: NEW_WECHAT_USER_NAME })
      .onConflict((oc) => oc.column('openid').doUpdateSet((eb) => ({ openid: eb.ref('excluded.openid') })))
      .returning(['id', 'display_name', 'deactivated_at'])
      .executeTakeFirstOrThrow()
    return { id: row.id, displayName: row.display_name, deactivated: row.deactivated_at !== null }
  }

  async findUser(userId: string): Promise<UserRow | null> {
    const row = await this.db.selectFrom('users').select(['id', 'display_name', 'deactivated_at']).where('id', '=', userId).executeTakeFirst()
    return row ? { id: row.id, displayName: row.display_name, deactivated: row.deactivated_at !== null } : null
  }

  /** A person who is not in any seed: the H5 demo's way to try joining as a newcomer. */
  async createUser(displayName: string, at: Date): Promise<UserRow> {
    const row = await this.db.insertInto('users').values({ display_name: displayName, created_at: at }).returning('id').executeTakeFirstOrThrow()
    return { id: row.id, displayName, deactivated: false }
  }

  async rolesWithNames(userId: string): Promise<MeRole[]> {
    const rows = await this.db
      .selectFrom('role_assignments')
      .innerJoin('regions', 'regions.id', 'role_assignments.region_id')
      .leftJoin('regions as parent', 'parent.id', 'regions.parent_id')
      .select(['role_assignments.role', 'regions.id', 'regions.name', 'regions.level', 'parent.name as parent_name', 'regions.path'])
      .where('role_assignments.user_id', '=', userId)
      .orderBy('regions.path')
      .orderBy('role_assignments.role')
      .execute()
    return rows.filter((r) => isRole(r.role)).map((r) => ({ role: r.role, regionId: r.id, regionName: r.level === 'grid' ? gridTitle(r.name, r.parent_name) : r.name, regionPath: r.path,
    }))
  }

  async demoUsers(): Promise<(Omit<UserRow, 'deactivated'> & { personaId: string })[]> {
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'display_name', 'demo_persona'])
      .where('demo_persona', 'is not', null)
      .execute()
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, personaId: r.demo_persona as string }))
  }

  async userByPersona(personaId: string): Promise<UserRow | null> {
    const row = await this.db.selectFrom('users').select(['id', 'display_name', 'deactivated_at']).where('demo_persona', '=', personaId).executeTakeFirst()
    return row ? { id: row.id, displayName: row.display_name, deactivated: row.deactivated_at !== null } : null
  }
}
