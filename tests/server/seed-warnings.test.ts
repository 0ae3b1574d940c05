import { testConfig } from '../../server/src/config'
import { FieldCipher } from '../../server/src/crypto/field-cipher'
import type { Database } from '../../server/src/db/database'
import { seedDemoData } from '../../server/src/seed/demo-seed'
import { seedDemoWarningsActivities } from '../../server/src/seed/warnings-activities'
import { ENGINES, openTestDatabase, type Engine } from './helpers/test-db'

const BAILIN_PATH = '/500116/500116115/'
const DEMO_GRID = '500116115200-01'

async function withSeededDatabase<T>(engine: Engine, use: (database: Database) => Promise<T>): Promise<T> {
  const database = await openTestDatabase(engine)
  try {
    await seedDemoData(database, testConfig(), { households: 300 })
    return await use(database)
  } finally {
    await database.close()
  }
}

const personaId = (database: Database, persona: string) =>
  database.db.selectFrom('users').select('id').where('demo_persona', '=', persona).executeTakeFirstOrThrow().then((u) => u.id)

describe.each(ENGINES)('demo warnings and activities on %s', (engine) => {
  it('when the demo is seeded, then 柏林镇 has warnings of the last ten days in every state, all with the demo dissuader', async () => {
    await withSeededDatabase(engine, async (database) => {
      const now = Date.now()
      const rows = await database.db.selectFrom('warnings').innerJoin('regions', 'regions.id', 'warnings.region_id')
        .select(['warnings.id', 'state', 'assignee_id', 'received_at', 'contact_due_at', 'amount_at_risk', 'loss_amount', 'path', 'first_contact_at', 'closed_at'])
        .execute()

      expect(rows.length).toBeGreaterThanOrEqual(10)
      expect(rows.length).toBeLessThanOrEqual(14)
      expect(rows.every((w) => w.path.startsWith(BAILIN_PATH))).toBe(true)
      expect(new Set(rows.map((w) => w.assignee_id))).toEqual(new Set([await personaId(database, 'dissuader')]))
      expect(new Set(rows.map((w) => w.state))).toEqual(new Set(['pending', 'contacted', 'dissuaded', 'defrauded', 'unreachable', 'false_alarm']))
      expect(rows.every((w) => now - w.received_at.getTime() <= 10 * 24 * 3600_000 && w.received_at.getTime() <= now)).toBe(true)
      expect(rows.filter((w) => w.state === 'pending' && w.contact_due_at.getTime() < now).length).toBeGreaterThanOrEqual(2)
      expect(rows.filter((w) => w.state === 'dissuaded').every((w) => Number(w.amount_at_risk) > 0 && w.closed_at !== null)).toBe(true)
      const defrauded = rows.filter((w) => w.state === 'defrauded')
      expect(defrauded).toHaveLength(1)
      expect(Number(defrauded[0].loss_amount)).toBeGreaterThan(0)
      expect(rows.filter((w) => w.state !== 'defrauded').every((w) => w.loss_amount === null)).toBe(true)
      expect(rows.filter((w) => w.state === 'pending').every((w) => w.first_contact_at === null && w.closed_at === null)).toBe(true)
    })
  })

  it('when the demo is seeded, then every warning has its event log and the 无法联系 one a door-visit task in the demo grid', async () => {
    await withSeededDatabase(engine, async (database) => {
      const warnings = await database.db.selectFrom('warnings').select(['id', 'state', 'version']).execute()
      const events = await database.db.selectFrom('warning_events').selectAll().orderBy('id').execute()

      for (const w of warnings) {
        const own = events.filter((e) => e.warning_id === w.id)
        expect(own[0]).toMatchObject({ kind: 'created', to_state: 'pending' })
        expect(own.map((e) => e.kind)).toContain('assigned')
        const last = own.filter((e) => e.to_state !== null).at(-1)
        expect(last?.to_state).toBe(w.state)
        expect(w.version).toBe(1 + own.filter((e) => e.kind !== 'created' && e.kind !== 'assigned').length)
      }
      const unreachable = warnings.filter((w) => w.state === 'unreachable').map((w) => w.id)
      const tasks = await database.db.selectFrom('visit_tasks').selectAll().execute()
      expect(tasks.map((t) => t.warning_id)).toEqual(unreachable)
      expect(tasks.every((t) => t.region_id === DEMO_GRID && t.reason === 'warning_unreachable' && t.done_at === null)).toBe(true)
    })
  })

  it('when warnings are stored, then each phone decrypts with the households cipher and is nowhere in plain text', async () => {
    await withSeededDatabase(engine, async (database) => {
      const cipher = new FieldCipher(testConfig().sessionSecret, 'household-phone')

      const rows = await database.db.selectFrom('warnings').selectAll().execute()
      for (const row of rows) {
        const phone = cipher.decrypt(row.phone_enc)
        expect(phone).toMatch(/^1[358]\d{9}$/)
        expect(row.phone_last4).toBe(phone.slice(-4))
        expect(JSON.stringify(row)).not.toContain(phone)
      }
    })
  })

  it('when the demo is seeded, then 柏林镇 has about eight activities of several kinds with attendance and target groups and no photos', async () => {
    await withSeededDatabase(engine, async (database) => {
      const rows = await database.db.selectFrom('activities').innerJoin('regions', 'regions.id', 'activities.region_id')
        .select(['kind', 'attendance', 'target_groups', 'held_at', 'path']).execute()

      expect(rows.length).toBeGreaterThanOrEqual(6)
      expect(rows.length).toBeLessThanOrEqual(10)
      expect(new Set(rows.map((a) => a.kind)).size).toBeGreaterThanOrEqual(4)
      expect(rows.every((a) => a.path.startsWith(BAILIN_PATH) && a.attendance > 0 && a.target_groups.length > 0)).toBe(true)
      expect(rows.every((a) => a.held_at.getTime() <= Date.now())).toBe(true)
      expect(await database.db.selectFrom('activity_photos').select('id').execute()).toEqual([])
    })
  })

  it('when the seed of warnings and activities runs again, then it adds nothing', async () => {
    await withSeededDatabase(engine, async (database) => {
      const count = async () => ({
        warnings: (await database.db.selectFrom('warnings').select('id').execute()).length,
        events: (await database.db.selectFrom('warning_events').select('id').execute()).length,
        tasks: (await database.db.selectFrom('visit_tasks').select('id').execute()).length,
        activities: (await database.db.selectFrom('activities').select('id').execute()).length,
      })
      const before = await count()
      const config = testConfig()

      const again = await database.db.transaction().execute((trx) => seedDemoWarningsActivities(trx, {
        phoneCipher: new FieldCipher(config.sessionSecret, 'household-phone'), limits: config.warningTimeLimits, now: new Date(),
      }))

      expect(again).toEqual({ warnings: 0, activities: 0 })
      expect(await count()).toEqual(before)
      expect(before.warnings).toBeGreaterThan(0)
    })
  })
})
