import type { Kysely } from 'kysely'
import { isRole, type RoleAssignment } from '../../../../src/core/roles'
import type { DB } from '../../db/schema'

export interface StoredSession {
  userId: string
  displayName: string
  expiresAt: Date
  revokedAt: Date | null
}

export class SessionRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async create(row: { tokenHash: string; userId: string; expiresAt: Date; sessionKeyEnc: string | null }) {
    await this.db
      .insertInto('sessions')
      .values({ token_hash: row.tokenHash, user_id: row.userId, expires_at: row.expiresAt, session_key_enc: row.sessionKeyEnc })
      .execute()
  }

  async find(tokenHash: string): Promise<StoredSession | null> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.user_id', 'users.display_name', 'sessions.expires_at', 'sessions.revoked_at'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst()
    if (!row) return null
    return { userId: row.user_id, displayName: row.display_name, expiresAt: new Date(row.expires_at), revokedAt: row.revoked_at ? new Date(row.revoked_at) : null }
  }

  async revoke(tokenHash: string, now: Date) {
    await this.db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute()
  }

  async revokeAllOf(userId: string, now: Date) {
    await this.db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute()
  }

  async rolesOf(userId: string): Promise<RoleAssignment[]> {
    const rows = await this.db
      .selectFrom('role_assignments')
      .innerJoin('regions', 'regions.id', 'role_assignments.region_id')
      .select(['role_assignments.role', 'role_assignments.region_id', 'regions.path'])
      .where('role_assignments.user_id', '=', userId)
      .orderBy('regions.path')
      .execute()
    return rows.filter((r) => isRole(r.role)).map((r) => ({ role: r.role, regionId: r.region_id, regionPath: r.path }))
  }
}
