import { sql, type Kysely, type SqlBool } from 'kysely'
import type { PrizeInput } from '#contract/prizes'
import type { DB } from '../../db/schema'
import { likePrefix } from '../../plugins/scope-filter'
import { allotClaims, type Allotment } from './allot-claims'
import { writeAudit } from '../../db/audit-log'
import { regionPathOf } from '../../db/region-path'

export interface StoredPrize {
  id: string
  countyId: string
  regionId: string
  regionPath: string
  name: string
  description: string
  stock: number
  granted: number
  redeemed: number
  perUserLimit: number
  minScore: number | null
  minStreak: number | null
  validFrom: Date
  validTo: Date
  pickupPlace: string
}

export interface StoredClaim {
  id: string
  prizeId: string
  prizeName: string
  prizeRegionPath: string
  countyId: string
  code: string
  pickupPlace: string
  claimantName: string
  claimedAt: Date
  redeemedAt: Date | null
  redeemedByName: string | null
}

export interface ClaimRequest {
  userId: string
  code: string
  now: Date
}

export type ClaimOutcome = { granted: true; claim: { id: string; claimedAt: Date } } | Exclude<Allotment, { granted: true }>

/** A claim on its way to be settled. */
export interface PendingClaim extends ClaimRequest {
  prizeId: string
  countyId: string
}

export interface SettledClaim {
  outcome: ClaimOutcome
  /** The prize's stock as the claim's batch left it. */
  prize: Omit<SettledClaims, 'outcomes'>
}

/** Each request's outcome, in the order given, and the prize's stock as the batch left it. */
export interface SettledClaims {
  stock: number
  granted: number
  perUserLimit: number
  outcomes: ClaimOutcome[]
}

export class PrizeRepo {
  constructor(protected readonly db: Kysely<DB>) {}

  private selectPrizes() {
    return this.db.selectFrom('prizes as p').innerJoin('regions as r', 'r.id', 'p.region_id')
      .select([
        'p.id', 'p.county_id', 'p.region_id', 'r.path', 'p.name', 'p.description', 'p.stock', 'p.granted', 'p.per_user_limit', 'p.min_score',
        'p.min_streak', 'p.valid_from', 'p.valid_to', 'p.pickup_place',
        sql<number>`(SELECT count(*)::int FROM prize_claims c WHERE c.prize_id = p.id AND c.redeemed_at IS NOT NULL)`.as('redeemed'),
      ])
  }

  async find(id: string): Promise<StoredPrize | null> {
    const row = await this.selectPrizes().where('p.id', '=', id).executeTakeFirst()
    return row ? toPrize(row) : null
  }

  /** Prizes of the given regions (a resident's region and those above it) that have not ended. */
  async offered(regionIds: readonly string[], now: Date): Promise<StoredPrize[]> {
    if (regionIds.length === 0) return []
    const rows = await this.selectPrizes().where('p.region_id', 'in', [...regionIds]).where('p.valid_to', '>', now)
      .orderBy('p.valid_from').orderBy('p.id').execute()
    return rows.map(toPrize)
  }

  async inScope(paths: readonly string[]): Promise<StoredPrize[]> {
    const rows = await this.selectPrizes()
      .where(sql<SqlBool>`(${sql.join(paths.map((p) => sql`r.path LIKE ${likePrefix(p)}`), sql` OR `)})`)
      .orderBy('p.valid_to', 'desc').orderBy('p.id').limit(500).execute()
    return rows.map(toPrize)
  }

  async claimCounts(userId: string): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('prize_claims').select(['prize_id', sql<number>`count(*)::int`.as('n')])
      .where('user_id', '=', userId).groupBy('prize_id').execute()
    return new Map(rows.map((r) => [r.prize_id, r.n]))
  }

  async create(input: PrizeInput, countyId: string, createdBy: string): Promise<string> {
    const row = await this.db.insertInto('prizes').values({ ...columnsOf(input), county_id: countyId, created_by: createdBy })
      .returning('id').executeTakeFirstOrThrow()
    return row.id
  }

  /** False when claims made meanwhile exceed the new stock: the stock is never set below what was handed out. */
  async update(id: string, input: PrizeInput, countyId: string): Promise<boolean> {
    const row = await this.db.updateTable('prizes').set({ ...columnsOf(input), county_id: countyId })
      .where('id', '=', id).where('granted', '<=', input.stock).returning('id').executeTakeFirst()
    return row !== undefined
  }

  /** One claim settled on its own (BatchingPrizeRepository settles the claims arriving together in one batch). */
  async claim(pending: PendingClaim): Promise<SettledClaim> {
    const { outcomes: [outcome], ...prize } = await this.claimBatch(pending.prizeId, pending.countyId, [pending])
    return { outcome, prize }
  }

  /**
   * Claims on one prize settled together, all or nothing, in one transaction. The prize row is locked first, so
   * batches of the same prize take turns on every connection and every server; the claims are counted after
   * that, by a statement whose snapshot (READ COMMITTED takes one per statement) therefore holds every earlier
   * batch's claims. Stock and per-user limit are thus exact, and the row is held for a few round trips per batch
   * instead of per claim (taking the stock and writing the claims is one statement for the same reason). PGlite
   * is one connection whose transactions Kysely runs one at a time.
   */
  async claimBatch(prizeId: string, countyId: string, requests: readonly ClaimRequest[]): Promise<SettledClaims> {
    return this.db.transaction().execute(async (trx) => {
      const prize = await trx.selectFrom('prizes').select(['stock', 'granted', 'per_user_limit']).where('id', '=', prizeId).forUpdate().executeTakeFirstOrThrow()
      const userIds = requests.map((r) => r.userId)
      const counts = await trx.selectFrom('prize_claims').select(['user_id', sql<number>`count(*)::int`.as('n')])
        .where('prize_id', '=', prizeId).where('user_id', 'in', [...new Set(userIds)]).groupBy('user_id').execute()
      const allotted = allotClaims(userIds, prize.stock - prize.granted, prize.per_user_limit, new Map(counts.map((c) => [c.user_id, c.n])))
      const winners = requests.filter((_, i) => allotted[i].granted)
      const written = winners.length === 0 ? [] : (await sql<{ id: string; code: string; claimed_at: Date }>`
        WITH taken AS (UPDATE prizes SET granted = granted + ${winners.length} WHERE id = ${prizeId})
        INSERT INTO prize_claims (prize_id, county_id, user_id, code, claimed_at)
        SELECT ${prizeId}::uuid, ${countyId}, w.user_id, w.code, w.claimed_at
        FROM unnest(${winners.map((w) => w.userId)}::uuid[], ${winners.map((w) => w.code)}::text[], ${winners.map((w) => w.now.toISOString())}::timestamptz[])
          AS w (user_id, code, claimed_at)
        RETURNING id, code, claimed_at`.execute(trx)).rows
      const byCode = new Map(written.map((c) => [c.code, { id: c.id, claimedAt: new Date(c.claimed_at) }]))
      return {
        stock: prize.stock, granted: prize.granted + winners.length, perUserLimit: prize.per_user_limit,
        outcomes: allotted.map((a, i): ClaimOutcome => (a.granted ? { granted: true, claim: byCode.get(requests[i].code)! } : a)),
      }
    })
  }

  private selectClaims() {
    return this.db.selectFrom('prize_claims as c')
      .innerJoin('prizes as p', 'p.id', 'c.prize_id')
      .innerJoin('regions as r', 'r.id', 'p.region_id')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .leftJoin('users as s', 's.id', 'c.redeemed_by')
      .select(['c.id', 'c.prize_id', 'p.name', 'r.path', 'c.county_id', 'c.code', 'p.pickup_place', 'u.display_name', 'c.claimed_at', 'c.redeemed_at', 's.display_name as redeemer'])
  }

  async claimsOf(userId: string): Promise<StoredClaim[]> {
    const rows = await this.selectClaims().where('c.user_id', '=', userId).orderBy('c.claimed_at', 'desc').execute()
    return rows.map(toClaim)
  }

  async claimByCode(code: string): Promise<StoredClaim | null> {
    const row = await this.selectClaims().where('c.code', '=', code).executeTakeFirst()
    return row ? toClaim(row) : null
  }

  /** Exactly once: of two staff redeeming at the same moment, the second finds redeemed_at set and gets false. */
  async redeem(r: { claimId: string; countyId: string; staffId: string; now: Date }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const done = await trx.updateTable('prize_claims').set({ redeemed_at: r.now, redeemed_by: r.staffId })
        .where('id', '=', r.claimId).where('redeemed_at', 'is', null).returning('id').executeTakeFirst()
      if (!done) return false
      await writeAudit(trx, { countyId: r.countyId, actorId: r.staffId, action: 'prize.redeem', targetType: 'prize_claim', targetId: r.claimId, detail: {}, at: r.now })
      return true
    })
  }

  regionPath(id: string): Promise<string | null> {
    return regionPathOf(this.db, id)
  }
}

function columnsOf(input: PrizeInput) {
  return {
    region_id: input.regionId, name: input.name.trim(), description: input.description.trim(), stock: input.stock, per_user_limit: input.perUserLimit,
    min_score: input.minScore, min_streak: input.minStreak, valid_from: input.validFrom, valid_to: input.validTo, pickup_place: input.pickupPlace.trim(),
  }
}

type PrizeRow = Awaited<ReturnType<ReturnType<PrizeRepo['selectPrizes']>['executeTakeFirstOrThrow']>>

function toPrize(r: PrizeRow): StoredPrize {
  return {
    id: r.id, countyId: r.county_id, regionId: r.region_id, regionPath: r.path, name: r.name, description: r.description, stock: r.stock,
    granted: r.granted, redeemed: r.redeemed, perUserLimit: r.per_user_limit, minScore: r.min_score, minStreak: r.min_streak,
    validFrom: new Date(r.valid_from), validTo: new Date(r.valid_to), pickupPlace: r.pickup_place,
  }
}

type ClaimRow = Awaited<ReturnType<ReturnType<PrizeRepo['selectClaims']>['executeTakeFirstOrThrow']>>

function toClaim(r: ClaimRow): StoredClaim {
  return {
    id: r.id, prizeId: r.prize_id, prizeName: r.name, prizeRegionPath: r.path, countyId: r.county_id, code: r.code, pickupPlace: r.pickup_place,
    claimantName: r.display_name, claimedAt: new Date(r.claimed_at), redeemedAt: r.redeemed_at ? new Date(r.redeemed_at) : null, redeemedByName: r.redeemer,
  }
}
