import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { MeRole } from '#contract/common'
import type { Page } from '#core/page'
import type { ManagedUser, UserQuery } from '#contract/users'
import { isRole, type Role } from '#core/roles'
import type { DB } from '../../db/schema'
import { likePrefix, pathUnderAny } from '../../plugins/scope-filter'
import { spokenName } from './region-ref'

type Db = Kysely<DB> | Transaction<DB>

export interface UserRecord {
  id: string
  displayName: string
  createdAt: Date
  deactivatedAt: Date | null
}

export interface AuditRow {
  at: Date
  action: string
  detail: Record<string, unknown>
  actorName: string | null
}

/** Users, their roles and their membership history: what 人员管理 reads and changes. */
/** The transaction a membership change runs in: the repository, the audit and the session revocation share it. */
export type MembershipTransaction = Transaction<DB>

export class UserRepo {
  constructor(private readonly db: Db) {}

  /** Users holding a role somewhere under the paths, with just those roles: other regions' roles stay private. */
  async listUnder(paths: readonly string[], query: Omit<UserQuery, 'regionId'>): Promise<Page<ManagedUser>> {
    let holders = this.db
      .selectFrom('role_assignments')
      .innerJoin('regions', 'regions.id', 'role_assignments.region_id')
      .select('role_assignments.user_id')
      .where(pathUnderAny('regions.path', paths))
    if (query.role) holders = holders.where('role_assignments.role', '=', query.role)
    let users = this.db.selectFrom('users').where('id', 'in', holders)
    if (query.q) users = users.where('display_name', 'like', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    if (query.status) users = users.where('deactivated_at', query.status === 'active' ? 'is' : 'is not', null)
    const [{ total }, rows] = await Promise.all([
      users.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
      users.select(['id', 'display_name', 'deactivated_at']).orderBy('display_name').orderBy('id')
        .limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    ])
    const roles = await this.rolesOf(rows.map((u) => u.id), paths)
    return {
      total,
      items: rows.map((u) => ({ id: u.id, displayName: u.display_name, active: u.deactivated_at === null, roles: roles.get(u.id) ?? [] })),
    }
  }

  /** Each user's roles, only those under the paths when given. Grids and villages carry their parent's name. */
  async rolesOf(userIds: readonly string[], paths?: readonly string[]): Promise<Map<string, MeRole[]>> {
    const roles = new Map<string, MeRole[]>()
    if (userIds.length === 0) return roles
    let query = this.db
      .selectFrom('role_assignments')
      .innerJoin('regions', 'regions.id', 'role_assignments.region_id')
      .leftJoin('regions as parent', 'parent.id', 'regions.parent_id')
      .select(['role_assignments.user_id', 'role_assignments.role', 'regions.id', 'regions.name', 'regions.path', 'regions.level', 'parent.name as parent_name'])
      .where('role_assignments.user_id', 'in', [...userIds])
    if (paths) query = query.where(pathUnderAny('regions.path', paths))
    for (const r of await query.orderBy('regions.path').orderBy('role_assignments.role').execute()) {
      if (!isRole(r.role)) continue
      const list = roles.get(r.user_id) ?? []
      list.push({ role: r.role, regionId: r.id, regionName: spokenName({ name: r.name, level: r.level, parentName: r.parent_name }), regionPath: r.path })
      roles.set(r.user_id, list)
    }
    return roles
  }

  async find(userId: string): Promise<UserRecord | null> {
    const row = await this.db.selectFrom('users').select(['id', 'display_name', 'created_at', 'deactivated_at']).where('id', '=', userId).executeTakeFirst()
    return row ? { id: row.id, displayName: row.display_name, createdAt: new Date(row.created_at), deactivatedAt: row.deactivated_at ? new Date(row.deactivated_at) : null } : null
  }

  /** True when the role was new. */
  async grantRole(userId: string, role: Role, regionId: string, at: Date): Promise<boolean> {
    const inserted = await this.db
      .insertInto('role_assignments')
      .values({ user_id: userId, role, region_id: regionId, created_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'role', 'region_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst()
    return inserted !== undefined
  }

  /** True when the user held the role there. */
  async removeRole(userId: string, role: Role, regionId: string): Promise<boolean> {
    const removed = await this.db
      .deleteFrom('role_assignments')
      .where('user_id', '=', userId).where('role', '=', role).where('region_id', '=', regionId)
      .returning('user_id')
      .executeTakeFirst()
    return removed !== undefined
  }

  /**
   * Serialises every change to a county's admins: two admins removing each other at the same moment must not
   * both succeed and leave the county with none.
   */
  async lockCountyAdmins(countyId: string): Promise<void> {
    await this.db.selectFrom('regions').select('id').where('id', '=', countyId).forUpdate().execute()
  }

  /** Active admins whose region lies in the county, counting each user once. */
  async activeAdminsIn(countyId: string): Promise<{ userId: string; regionId: string }[]> {
    return this.db
      .selectFrom('role_assignments')
      .innerJoin('users', 'users.id', 'role_assignments.user_id')
      .innerJoin('regions', 'regions.id', 'role_assignments.region_id')
      .select(['role_assignments.user_id as userId', 'role_assignments.region_id as regionId'])
      .where('role_assignments.role', '=', 'admin')
      .where('users.deactivated_at', 'is', null)
      .where('regions.path', 'like', likePrefix(`/${countyId}/`))
      .execute()
  }

  async setDeactivated(userId: string, at: Date | null): Promise<void> {
    await this.db.updateTable('users').set({ deactivated_at: at }).where('id', '=', userId).execute()
  }

  async history(userId: string, limit = 100): Promise<AuditRow[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .leftJoin('users as actor', 'actor.id', 'audit_log.actor_id')
      .select(['audit_log.created_at', 'audit_log.action', 'audit_log.detail', 'actor.display_name as actor_name'])
      .where('audit_log.target_type', '=', 'user')
      .where('audit_log.target_id', '=', userId)
      .orderBy('audit_log.created_at', 'desc')
      .orderBy('audit_log.id', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      at: new Date(r.created_at),
      action: r.action,
      detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
      actorName: r.actor_name,
    }))
  }
}
