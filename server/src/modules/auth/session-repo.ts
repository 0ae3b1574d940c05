import { sql, type Kysely } from 'kysely'
import { isRole, type RoleAssignment } from '#core/roles'
import type { DB } from '../../db/schema'

export interface StoredSession {
  userId: string
  displayName: string
  expiresAt: Date
  revokedAt: Date | null
  /** Set when an admin switched the user off: every session of theirs is refused. */
  deactivatedAt: Date | null
}

export interface SessionWithRoles extends StoredSession {
  roles: RoleAssignment[]
}

interface RoleRow {
  role: string
  regionId: string
  regionPath: string
}

export class SessionRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async create(row: { tokenHash: string; userId: string; expiresAt: Date; sessionKeyEnc: string | null }) {
    await this.db
      .insertInto('sessions')
      .values({ token_hash: row.tokenHash, user_id: row.userId, expires_at: row.expiresAt, session_key_enc: row.sessionKeyEnc })
      .execute()
  }

  /**
   * The sessions behind these token hashes with their users' roles, in one query: requests arriving together
   * share it (see the auth plugin), so a burst of first requests costs one round trip rather than two each.
   */
  async findMany(tokenHashes: readonly string[]): Promise<Map<string, SessionWithRoles>> {
    if (tokenHashes.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select((eb) => [
        'sessions.token_hash', 'sessions.user_id', 'users.display_name', 'sessions.expires_at', 'sessions.revoked_at', 'users.deactivated_at',
        eb.selectFrom('role_assignments')
          .innerJoin('regions', 'regions.id', 'role_assignments.region_id')
          .whereRef('role_assignments.user_id', '=', 'sessions.user_id')
          .select(sql<RoleRow[] | null>`json_agg(json_build_object('role', role_assignments.role, 'regionId', role_assignments.region_id, 'regionPath', regions.path) ORDER BY regions.path)`.as('roles'))
          .as('roles'),
      ])
      .where('sessions.token_hash', '=', sql<string>`ANY(${[...tokenHashes]}::text[])`)
      .execute()
    return new Map(rows.map((row) => [row.token_hash, {
      userId: row.user_id,
      displayName: row.display_name,
      expiresAt: new Date(row.expires_at),
      revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
      deactivatedAt: row.deactivated_at ? new Date(row.deactivated_at) : null,
      roles: (row.roles ?? []).filter((r) => isRole(r.role)) as RoleAssignment[],
    }]))
  }

  async revoke(tokenHash: string, now: Date) {
    await this.db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute()
  }

  async revokeAllOf(userId: string, now: Date) {
    await this.db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute()
  }
}
