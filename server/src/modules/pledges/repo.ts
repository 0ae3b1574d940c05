import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { PledgeTemplate } from '#contract/pledges'
import { GENESIS_HASH, nextLink, recordHash, type ChainHead, type ChainedPledge, type PledgeRecord } from '#core/pledge-chain'
import type { DB } from '../../db/schema'
import { writeAudit, type AuditEntry } from '../../db/audit-log'

export interface PledgeHousehold {
  id: string
  countyId: string
  regionPath: string
  headName: string
}

/** A pledge as it is about to be chained: everything but its place in the chain. */
export type UnchainedPledge = Omit<PledgeRecord, 'seq' | 'prevHash'> & { countyId: string }

export interface StoredPledge extends ChainedPledge {
  workerName: string
  villageName: string
  householdCode: string
  address: string
}

function selectPledges(db: Kysely<DB>) {
  return db
    .selectFrom('pledges')
    .innerJoin('users', 'users.id', 'pledges.worker_id')
    .innerJoin('regions', 'regions.id', 'pledges.village_id')
    .innerJoin('households', 'households.id', 'pledges.household_id')
    .select([
      'pledges.id', 'pledges.village_id', 'pledges.household_id', 'pledges.template_version', 'pledges.template_sha256',
      'pledges.signer_name', 'pledges.signer_relation', 'pledges.strokes', 'pledges.worker_id', 'pledges.signed_at',
      'pledges.geo_lat', 'pledges.geo_lng', 'pledges.chain_seq', 'pledges.prev_hash', 'pledges.record_hash',
      'users.display_name', 'regions.name as village_name', 'households.code', 'households.address',
    ])
}

type PledgeRow = Awaited<ReturnType<ReturnType<typeof selectPledges>['executeTakeFirstOrThrow']>>

function toStored(r: PledgeRow): StoredPledge {
  return {
    id: r.id,
    villageId: r.village_id,
    householdId: r.household_id,
    templateVersion: r.template_version,
    templateSha256: r.template_sha256,
    signerName: r.signer_name,
    signerRelation: r.signer_relation,
    strokes: r.strokes,
    workerId: r.worker_id,
    signedAt: new Date(r.signed_at).toISOString(),
    geo: r.geo_lat === null || r.geo_lng === null ? null : { lat: r.geo_lat, lng: r.geo_lng },
    seq: r.chain_seq,
    prevHash: r.prev_hash,
    recordHash: r.record_hash,
    workerName: r.display_name,
    villageName: r.village_name,
    householdCode: r.code,
    address: r.address,
  }
}

export class PledgeRepo {
  constructor(private readonly db: Kysely<DB>) {}

  async latestTemplate(): Promise<PledgeTemplate | null> {
    const row = await this.db.selectFrom('pledge_templates').select(['version', 'title', 'body', 'sha256'])
      .orderBy('version', 'desc').limit(1).executeTakeFirst()
    return row ?? null
  }

  async template(version: number): Promise<PledgeTemplate | null> {
    const row = await this.db.selectFrom('pledge_templates').select(['version', 'title', 'body', 'sha256'])
      .where('version', '=', version).executeTakeFirst()
    return row ?? null
  }

  async templates(): Promise<Map<number, PledgeTemplate>> {
    const rows = await this.db.selectFrom('pledge_templates').select(['version', 'title', 'body', 'sha256']).execute()
    return new Map(rows.map((t) => [t.version, t]))
  }

  async households(ids: readonly string[]): Promise<Map<string, PledgeHousehold>> {
    if (ids.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('households')
      .innerJoin('regions', 'regions.id', 'households.region_id')
      .select(['households.id', 'households.county_id', 'regions.path', 'households.head_name'])
      .where('households.id', 'in', [...new Set(ids)])
      .execute()
    return new Map(rows.map((r) => [r.id, { id: r.id, countyId: r.county_id, regionPath: r.path, headName: r.head_name }]))
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set()
    const rows = await this.db.selectFrom('pledges').select('id').where('id', 'in', [...new Set(ids)]).execute()
    return new Set(rows.map((r) => r.id))
  }

  /**
   * Appends the pledge to its village's chain in one transaction. The head row is created if missing and then
   * locked, so concurrent appends to one village take turns and get consecutive seqs. Returns false when a
   * pledge with this id is already stored (a retry that raced its first upload): nothing is appended then.
   */
  async append(p: UnchainedPledge): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.insertInto('pledge_chain_heads')
        .values({ village_id: p.villageId, last_seq: 0, last_hash: GENESIS_HASH })
        .onConflict((oc) => oc.column('village_id').doNothing())
        .execute()
      const head = await trx.selectFrom('pledge_chain_heads').select(['last_seq', 'last_hash'])
        .where('village_id', '=', p.villageId).forUpdate().executeTakeFirstOrThrow()
      const link = nextLink({ lastSeq: head.last_seq, lastHash: head.last_hash })
      const record: PledgeRecord = { ...p, ...link }
      const hash = recordHash(record)
      const inserted = await trx.insertInto('pledges')
        .values({
          id: p.id,
          county_id: p.countyId,
          village_id: p.villageId,
          household_id: p.householdId,
          template_version: p.templateVersion,
          template_sha256: p.templateSha256,
          signer_name: p.signerName,
          signer_relation: p.signerRelation,
          strokes: p.strokes,
          worker_id: p.workerId,
          signed_at: p.signedAt,
          geo_lat: p.geo?.lat ?? null,
          geo_lng: p.geo?.lng ?? null,
          chain_seq: link.seq,
          prev_hash: link.prevHash,
          record_hash: hash,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!inserted) return false
      await trx.updateTable('pledge_chain_heads').set({ last_seq: link.seq, last_hash: hash }).where('village_id', '=', p.villageId).execute()
      await trx.updateTable('households').set({ pledged_at: p.signedAt, updated_at: sql`now()` })
        .where('id', '=', p.householdId).where('pledged_at', 'is', null).execute()
      return true
    })
  }

  async find(id: string): Promise<StoredPledge | null> {
    const row = await selectPledges(this.db).where('pledges.id', '=', id).executeTakeFirst()
    return row ? toStored(row) : null
  }

  async ofHousehold(householdId: string): Promise<StoredPledge[]> {
    const rows = await selectPledges(this.db).where('pledges.household_id', '=', householdId).orderBy('pledges.signed_at', 'desc').execute()
    return rows.map(toStored)
  }

  async chainOf(villageId: string): Promise<{ records: ChainedPledge[]; head: ChainHead | null }> {
    const [rows, head] = await Promise.all([
      selectPledges(this.db).where('pledges.village_id', '=', villageId).orderBy('pledges.chain_seq').execute(),
      this.db.selectFrom('pledge_chain_heads').select(['last_seq', 'last_hash']).where('village_id', '=', villageId).executeTakeFirst(),
    ])
    return { records: rows.map(toStored), head: head ? { lastSeq: head.last_seq, lastHash: head.last_hash } : null }
  }

  async findRegion(id: string): Promise<{ path: string; level: string } | null> {
    const row = await this.db.selectFrom('regions').select(['path', 'level']).where('id', '=', id).executeTakeFirst()
    return row ?? null
  }

  async audit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.db, entry)
  }
}
