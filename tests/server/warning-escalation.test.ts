import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { countyIdOf } from '@/core/regions'
import type { Role } from '@/core/roles'
import { WARNING_PAGES } from '@/core/outbox'
import type { RiskLevel } from '@/core/warnings'
import { openDatabase, type Database } from '../../server/src/db/database'
import type { DB } from '../../server/src/db/schema'
import { escalateOverdueWarnings } from '../../server/src/modules/reminders/warning-escalation'
import { OutboxWorker } from '../../server/src/modules/reminders/worker'
import { HttpWeChatApi } from '../../server/src/wechat/http-wechat-api'
import { aRegionTree, aUser } from './helpers/factories'
import { outboxRows } from './helpers/reminder-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES, TEST_PG_URL } from './helpers/test-db'

/** A user with an openid and, unless `remaining` is 0, that many 预警超时提醒 allowed. */
async function aWarningSubscriber(db: Kysely<DB>, opts: { role: Role; regionId: string; remaining?: number }) {
  const openid = `o${randomBytes(12).toString('hex')}`
  const user = await aUser(db, { displayName: opts.role === 'admin' ? '刘所长' : '陈劝阻', roles: [{ role: opts.role, regionId: opts.regionId }], openid })
  const remaining = opts.remaining ?? 1
  if (remaining > 0) await db.insertInto('subscriptions').values({ user_id: user.id, template_key: 'warning_overdue', remaining }).execute()
  return { ...user, openid }
}

/** A warning made straight in SQL, so that these tests do not depend on the warnings module. */
async function aWarning(
  db: Kysely<DB>,
  opts: { regionId: string; createdBy: string; assigneeId: string | null; contactDueAt: Date; state?: 'pending' | 'contacted'; riskLevel?: RiskLevel },
): Promise<{ id: string }> {
  const region = await db.selectFrom('regions').select('path').where('id', '=', opts.regionId).executeTakeFirstOrThrow()
  return db.insertInto('warnings')
    .values({
      county_id: countyIdOf(region.path),
      region_id: opts.regionId,
      resident_name: '王大爷',
      phone_enc: 'sealed',
      phone_last4: '1234',
      fraud_type: 'fake_police',
      risk_level: opts.riskLevel ?? 'high',
      source: 'bank',
      received_at: new Date(opts.contactDueAt.getTime() - 10 * 60_000),
      contact_due_at: opts.contactDueAt,
      assignee_id: opts.assigneeId,
      state: opts.state ?? 'pending',
      first_contact_at: opts.state === 'contacted' ? opts.contactDueAt : null,
      created_by: opts.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

const escalationEvents = (db: Kysely<DB>, warningId: string) =>
  db.selectFrom('warning_events').select(['kind', 'actor_id', 'at']).where('warning_id', '=', warningId).execute()

describe.each(ENGINES)('warning escalation through the outbox on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const minutesAgo = (m: number) => new Date(t.now().getTime() - m * 60_000)
  const aWorker = (db = t.db) => new OutboxWorker({
    db, config: t.config, wechat: new HttpWeChatApi(t.wechat.baseUrl, t.config.wechatAppId, t.config.wechatSecret, 5000, t.now), now: t.now,
  })

  /** A town admin, an admin of another town, and a subscribed dissuader of the first town's village. */
  async function townWithPeople() {
    const tree = await aRegionTree(t.db)
    const otherTree = await aRegionTree(t.db)
    const admin = await aWarningSubscriber(t.db, { role: 'admin', regionId: tree.town.id })
    const otherAdmin = await aWarningSubscriber(t.db, { role: 'admin', regionId: otherTree.town.id })
    const dissuader = await aWarningSubscriber(t.db, { role: 'dissuader', regionId: tree.villages[0].id })
    return { tree, admin, otherAdmin, dissuader }
  }

  it('when a pending warning is past its limit, then it is escalated once and WeChat delivers the reminder to its dissuader and the town admin only', async () => {
    const { tree, admin, dissuader } = await townWithPeople()
    const warning = await aWarning(t.db, { regionId: tree.grids[0][0].id, createdBy: admin.id, assigneeId: dissuader.id, contactDueAt: minutesAgo(1) })

    expect(await aWorker().tick()).toEqual({ sent: 2, retrying: 0, failed: 0 })

    const row = await t.db.selectFrom('warnings').select(['escalated_at', 'state', 'version']).where('id', '=', warning.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ escalated_at: t.now(), state: 'pending', version: 1 })
    expect(await escalationEvents(t.db, warning.id)).toEqual([{ kind: 'escalated', actor_id: null, at: t.now() }])
    const sent = t.wechat.sentMessages()
    expect(sent.map((m) => [m.touser, m.template_id, m.page]).sort()).toEqual([
      [admin.openid, t.config.warningReminderTemplateId, `${WARNING_PAGES.admin}?id=${warning.id}`],
      [dissuader.openid, t.config.warningReminderTemplateId, `${WARNING_PAGES.assignee}?id=${warning.id}`],
    ].sort())
    expect(sent[0].data).toEqual({
      thing1: { value: '冒充公检法' },
      phrase2: { value: '高风险' },
      time3: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
      thing4: { value: expect.stringContaining('超时未联系') },
    })
    expect((await outboxRows(t.db)).map((r) => [r.kind, r.template_key, r.dedupe_key]).sort()).toEqual([
      ['warning_overdue', 'warning_overdue', `warning_overdue:${warning.id}:${admin.id}`],
      ['warning_overdue', 'warning_overdue', `warning_overdue:${warning.id}:${dissuader.id}`],
    ].sort())
  })

  it('when the tick runs again later, then the warning is not escalated a second time', async () => {
    const { tree, admin, dissuader } = await townWithPeople()
    await t.db.updateTable('subscriptions').set({ remaining: 5 }).execute()
    const warning = await aWarning(t.db, { regionId: tree.villages[0].id, createdBy: admin.id, assigneeId: dissuader.id, contactDueAt: minutesAgo(1) })
    const worker = aWorker()
    await worker.tick()
    t.setNow(new Date(t.now().getTime() + 60_000))

    expect(await worker.tick()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect(await escalationEvents(t.db, warning.id)).toHaveLength(1)
    expect(t.wechat.sentMessages()).toHaveLength(2)
  })

  it('when a warning was contacted in time, or is not yet due, then it is not escalated', async () => {
    const { tree, admin, dissuader } = await townWithPeople()
    const contacted = await aWarning(t.db, { regionId: tree.villages[0].id, createdBy: admin.id, assigneeId: dissuader.id, contactDueAt: minutesAgo(5), state: 'contacted' })
    const notDue = await aWarning(t.db, { regionId: tree.villages[0].id, createdBy: admin.id, assigneeId: dissuader.id, contactDueAt: new Date(t.now().getTime() + 60_000) })

    expect(await escalateOverdueWarnings({ db: t.db }, t.now())).toEqual({ escalated: 0, queued: 0 })
    const rows = await t.db.selectFrom('warnings').select('escalated_at').where('id', 'in', [contacted.id, notDue.id]).execute()
    expect(rows).toEqual([{ escalated_at: null }, { escalated_at: null }])
    expect(await outboxRows(t.db)).toEqual([])
  })

  it('when a recipient has no subscription left, then the others are reminded and the warning is still escalated', async () => {
    const { tree, admin } = await townWithPeople()
    const unsubscribed = await aWarningSubscriber(t.db, { role: 'dissuader', regionId: tree.villages[0].id, remaining: 0 })
    const warning = await aWarning(t.db, { regionId: tree.villages[0].id, createdBy: admin.id, assigneeId: unsubscribed.id, contactDueAt: minutesAgo(1) })

    expect(await escalateOverdueWarnings({ db: t.db }, t.now())).toEqual({ escalated: 1, queued: 1 })
    expect((await outboxRows(t.db)).map((r) => r.user_id)).toEqual([admin.id])
    expect(await escalationEvents(t.db, warning.id)).toHaveLength(1)
  })

  it('when a reminder is queued, then it spends one of the recipient\'s subscriptions', async () => {
    const { tree, admin } = await townWithPeople()
    await t.db.updateTable('subscriptions').set({ remaining: 3 }).where('user_id', '=', admin.id).execute()
    await aWarning(t.db, { regionId: tree.town.id, createdBy: admin.id, assigneeId: null, contactDueAt: minutesAgo(1) })

    await escalateOverdueWarnings({ db: t.db }, t.now())

    const left = await t.db.selectFrom('subscriptions').select('remaining').where('user_id', '=', admin.id).executeTakeFirstOrThrow()
    expect(left.remaining).toBe(2)
  })

  describe('two workers', () => {
    let second: Database | null = null
    afterEach(async () => {
      await second?.close()
      second = null
    })

    /** On PostgreSQL a second pool on the same schema, as a second process would have; PGlite has one connection. */
    async function secondDatabase() {
      if (engine === 'pglite') return t.db
      const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(t.db)
      second = await openDatabase({ url: TEST_PG_URL, schema: rows[0].schema, poolMax: 4 })
      return second.db
    }

    it('when two ticks run at the same time, then each overdue warning is escalated and reminded exactly once', async () => {
      const { tree, admin, dissuader } = await townWithPeople()
      await t.db.updateTable('subscriptions').set({ remaining: 50 }).execute()
      const warnings = []
      for (let i = 0; i < 6; i++) {
        warnings.push(await aWarning(t.db, { regionId: tree.grids[0][0].id, createdBy: admin.id, assigneeId: dissuader.id, contactDueAt: minutesAgo(i + 1) }))
      }

      await Promise.all([aWorker(t.db).tick(), aWorker(await secondDatabase()).tick()])

      const events = await t.db.selectFrom('warning_events').select('warning_id').where('kind', '=', 'escalated').execute()
      expect(events.map((e) => e.warning_id).sort()).toEqual(warnings.map((w) => w.id).sort())
      expect(t.wechat.sentMessages()).toHaveLength(12)
      const left = await t.db.selectFrom('subscriptions').select('remaining').where('user_id', 'in', [admin.id, dissuader.id]).execute()
      expect(left.map((s) => s.remaining)).toEqual([44, 44])
    })
  })
})
