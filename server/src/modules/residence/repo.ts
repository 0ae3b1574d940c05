import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { PlaceTown, Residence } from '#contract/residence'
import type { DB } from '../../db/schema'

type Db = Kysely<DB> | Transaction<DB>

/** Where residents live: the resident role (what scope checks read) and the residence row beside it. */
export class ResidenceRepo {
  constructor(private readonly db: Db) {}

  /** Every town with its villages, in code order: a few hundred names, public on any government site. */
  async places(): Promise<PlaceTown[]> {
    const rows = await this.db
      .selectFrom('regions as v')
      .innerJoin('regions as t', 't.id', 'v.parent_id')
      .innerJoin('regions as c', 'c.id', 't.parent_id')
      .select(['t.id as town_id', 't.name as town_name', 'c.name as county_name', 'v.id', 'v.name'])
      .where('v.level', '=', 'village')
      .orderBy('t.path')
      .orderBy('v.path')
      .execute()
    const towns = new Map<string, PlaceTown>()
    for (const r of rows) {
      const town = towns.get(r.town_id) ?? { id: r.town_id, name: r.town_name, countyName: r.county_name, villages: [] }
      town.villages.push({ id: r.id, name: r.name })
      towns.set(r.town_id, town)
    }
    return [...towns.values()]
  }

  async find(userId: string): Promise<Residence | null> {
    const row = await this.db
      .selectFrom('residences')
      .innerJoin('regions as v', 'v.id', 'residences.village_id')
      .innerJoin('regions as t', 't.id', 'v.parent_id')
      .leftJoin('households', 'households.id', 'residences.household_id')
      .select(['residences.village_id', 'v.name as village_name', 't.name as town_name', 'households.code', 'residences.bound_at'])
      .where('residences.user_id', '=', userId)
      .executeTakeFirst()
    return row
      ? { villageId: row.village_id, villageName: row.village_name, townName: row.town_name, householdCode: row.code, boundAt: new Date(row.bound_at).toISOString() }
      : null
  }

  /** The village above a household's grid. */
  async villageOfHousehold(householdId: string): Promise<{ id: string; name: string } | null> {
    const row = await this.db
      .selectFrom('households')
      .innerJoin('regions as grid', 'grid.id', 'households.region_id')
      .innerJoin('regions as village', 'village.id', 'grid.parent_id')
      .select(['village.id', 'village.name'])
      .where('households.id', '=', householdId)
      .executeTakeFirst()
    return row ?? null
  }

  /** One home at a time: the previous resident role goes with the new one's arrival. */
  async bind(userId: string, villageId: string, householdId: string | null, at: Date): Promise<void> {
    await this.db.deleteFrom('role_assignments').where('user_id', '=', userId).where('role', '=', 'resident').execute()
    await this.db.insertInto('role_assignments').values({ user_id: userId, role: 'resident', region_id: villageId, created_at: at }).execute()
    await this.db
      .insertInto('residences')
      .values({ user_id: userId, village_id: villageId, household_id: householdId, bound_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ village_id: villageId, household_id: householdId, bound_at: at }))
      .execute()
  }

  /**
   * Leaving keeps only anonymous counts: the attempts and claims stay for the village's statistics, without the
   * person, their answers or the link between them.
   */
  async leave(userId: string): Promise<void> {
    await this.db.deleteFrom('role_assignments').where('user_id', '=', userId).where('role', '=', 'resident').execute()
    await this.db.deleteFrom('residences').where('user_id', '=', userId).execute()
    await this.db.updateTable('quiz_attempts').set({ user_id: null, answers: null, token_hash: '' }).where('user_id', '=', userId).execute()
    await this.db.updateTable('prize_claims').set({ user_id: null }).where('user_id', '=', userId).execute()
  }

  async historyCounts(userId: string): Promise<{ quizAttempts: number; prizeClaims: number }> {
    const row = await this.db
      .selectNoFrom((eb) => [
        eb.selectFrom('quiz_attempts').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).as('quiz_attempts'),
        eb.selectFrom('prize_claims').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).as('prize_claims'),
      ])
      .executeTakeFirstOrThrow()
    return { quizAttempts: Number(row.quiz_attempts ?? 0), prizeClaims: Number(row.prize_claims ?? 0) }
  }

  async userCreatedAt(userId: string): Promise<Date> {
    const row = await this.db.selectFrom('users').select('created_at').where('id', '=', userId).executeTakeFirstOrThrow()
    return new Date(row.created_at)
  }
}
