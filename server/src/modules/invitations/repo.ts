import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { StaffRole } from '#core/membership'
import type { RegionLevel } from '#core/regions'
import type { DB } from '../../db/schema'
import { pathUnderAny } from '../../plugins/scope-filter'

type Db = Kysely<DB> | Transaction<DB>

export interface InvitationRecord {
  id: string
  code: string
  role: StaffRole
  regionId: string
  regionName: string
  regionParentName: string | null
  regionLevel: RegionLevel
  regionPath: string
  countyId: string
  createdBy: string | null
  inviterName: string | null
  maxUses: number
  usedCount: number
  expiresAt: Date
  revokedAt: Date | null
  createdAt: Date
}

export interface NewInvitation {
  code: string
  countyId: string
  role: StaffRole
  regionId: string
  createdBy: string | null
  maxUses: number
  expiresAt: Date
  createdAt: Date
}

export class InvitationRepo {
  constructor(private readonly db: Db) {}

  /** False when the code is taken already (a one-in-a-trillion collision: the caller draws again). */
  async create(inv: NewInvitation): Promise<boolean> {
    const row = await this.db
      .insertInto('invitations')
      .values({
        code: inv.code, county_id: inv.countyId, role: inv.role, region_id: inv.regionId, created_by: inv.createdBy,
        max_uses: inv.maxUses, expires_at: inv.expiresAt, created_at: inv.createdAt,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('id')
      .executeTakeFirst()
    return row !== undefined
  }

  async findByCode(code: string): Promise<InvitationRecord | null> {
    return (await this.select().where('invitations.code', '=', code).executeTakeFirst().then((r) => (r ? toRecord(r) : null)))
  }

  async listUnder(paths: readonly string[], limit = 100): Promise<InvitationRecord[]> {
    const rows = await this.select().where(pathUnderAny('region.path', paths)).orderBy('invitations.created_at', 'desc').limit(limit).execute()
    return rows.map(toRecord)
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.db.updateTable('invitations').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute()
  }

  /** False when this person accepted it before. */
  async recordAcceptance(invitationId: string, userId: string, at: Date): Promise<boolean> {
    const row = await this.db
      .insertInto('invitation_acceptances')
      .values({ invitation_id: invitationId, user_id: userId, accepted_at: at })
      .onConflict((oc) => oc.columns(['invitation_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst()
    return row !== undefined
  }

  /**
   * Takes one use if the code is still open, in one conditional statement: of two people accepting the last use
   * at the same moment, the row lock lets exactly one through.
   */
  async takeUse(id: string, at: Date): Promise<boolean> {
    const row = await this.db
      .updateTable('invitations')
      .set({ used_count: sql`used_count + 1` })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .where(sql<boolean>`used_count < max_uses`)
      .returning('id')
      .executeTakeFirst()
    return row !== undefined
  }

  private select() {
    return this.db
      .selectFrom('invitations')
      .innerJoin('regions as region', 'region.id', 'invitations.region_id')
      .leftJoin('regions as parent', 'parent.id', 'region.parent_id')
      .leftJoin('users as inviter', 'inviter.id', 'invitations.created_by')
      .select([
        'invitations.id', 'invitations.code', 'invitations.role', 'invitations.region_id', 'region.name as region_name',
        'parent.name as parent_name', 'region.level as region_level', 'region.path as region_path', 'invitations.county_id',
        'invitations.created_by', 'inviter.display_name as inviter_name', 'invitations.max_uses', 'invitations.used_count',
        'invitations.expires_at', 'invitations.revoked_at', 'invitations.created_at',
      ])
  }
}

type Row = Awaited<ReturnType<ReturnType<InvitationRepo['select']>['executeTakeFirstOrThrow']>>

function toRecord(r: Row): InvitationRecord {
  return {
    id: r.id, code: r.code, role: r.role, regionId: r.region_id, regionName: r.region_name, regionParentName: r.parent_name,
    regionLevel: r.region_level, regionPath: r.region_path, countyId: r.county_id, createdBy: r.created_by, inviterName: r.inviter_name,
    maxUses: r.max_uses, usedCount: r.used_count, expiresAt: new Date(r.expires_at), revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    createdAt: new Date(r.created_at),
  }
}
