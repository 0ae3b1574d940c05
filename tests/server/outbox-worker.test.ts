import { sql } from 'kysely'
import { BULLETIN_PAGE, nextQuotaReset, OUTBOX_MAX_ATTEMPTS } from '@/core/outbox'
import { openDatabase, type Database } from '../../server/src/db/database'
import { enqueueDueReminders } from '../../server/src/modules/reminders/enqueue'
import { OutboxWorker } from '../../server/src/modules/reminders/worker'
import { HttpWeChatApi } from '../../server/src/wechat/http-wechat-api'
import { aRegionTree } from './helpers/factories'
import { aBulletin, aSubscriber, outboxRows } from './helpers/reminder-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES, TEST_PG_URL } from './helpers/test-db'

describe.each(ENGINES)('outbox worker: sending reminders through WeChat on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const aClient = (now = t.now) => new HttpWeChatApi(t.wechat.baseUrl, t.config.wechatAppId, t.config.wechatSecret, 5000, now)
  const aWorker = (db = t.db, opts: { batchSize?: number } = {}, wechat = aClient()) =>
    new OutboxWorker({ db, config: t.config, wechat, now: t.now }, opts)
  const seconds = (s: number) => new Date(t.now().getTime() + s * 1000)
  const onlyRow = async () => {
    const rows = await outboxRows(t.db)
    expect(rows).toHaveLength(1)
    return rows[0]
  }

  /** `count` subscribed cadres of one village and a town bulletin just published: one queued reminder each. */
  async function queuedReminders(count = 1) {
    const tree = await aRegionTree(t.db)
    const cadres = []
    for (let i = 0; i < count; i++) cadres.push(await aSubscriber(t.db, { role: 'cadre', regionId: tree.villages[0].id }))
    const bulletin = await aBulletin(t.db, { regionId: tree.town.id, authorId: cadres[0].id, publishedAt: t.now(), title: '柏林镇11月28日警情通报' })
    await enqueueDueReminders({ db: t.db, config: t.config }, t.now())
    return { cadres, bulletin }
  }

  it('when a reminder is due, then WeChat receives it for the openid with the template, the bulletin page and the data', async () => {
    const { cadres: [cadre], bulletin } = await queuedReminders()
    expect(await aWorker().sendDue()).toEqual({ sent: 1, retrying: 0, failed: 0 })
    expect(t.wechat.sentMessages()).toEqual([{
      touser: cadre.openid,
      template_id: t.config.bulletinReminderTemplateId,
      page: `${BULLETIN_PAGE}?id=${bulletin.id}`,
      data: {
        thing1: { value: '柏林镇11月28日警情通报' },
        time2: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
        thing3: { value: '新警情通报已发布，请及时转发到群' },
      },
      miniprogram_state: 'developer',
      lang: 'zh_CN',
    }])
    const row = await onlyRow()
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_errcode: null })
    expect(row.sent_at?.toISOString()).toBe(t.now().toISOString())
  })

  it('when WeChat is busy once, then the row waits a minute and is sent on the next attempt', async () => {
    await queuedReminders()
    t.wechat.failNextSends(-1)
    const worker = aWorker()
    expect(await worker.sendDue()).toEqual({ sent: 0, retrying: 1, failed: 0 })
    expect(await onlyRow()).toMatchObject({ status: 'pending', attempts: 1, last_errcode: -1, next_attempt_at: seconds(60) })
    expect(await worker.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    t.setNow(seconds(60))
    expect(await worker.sendDue()).toEqual({ sent: 1, retrying: 0, failed: 0 })
    expect(await onlyRow()).toMatchObject({ status: 'sent', attempts: 2 })
    expect(t.wechat.sentMessages()).toHaveLength(1)
  })

  it('when the user refused the message (43101), then the row fails at once with the errcode and is never retried', async () => {
    await queuedReminders()
    t.wechat.failNextSends(43101)
    const worker = aWorker()
    expect(await worker.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 1 })
    const row = await onlyRow()
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_errcode: 43101 })
    expect(row.last_error).toContain('user refuse to accept the msg')
    t.setNow(seconds(86400))
    expect(await worker.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect(t.wechat.sentMessages()).toEqual([])
  })

  it('when the access token is rejected (40001), then a new token is fetched and the message sent in the same attempt', async () => {
    await queuedReminders()
    const worker = aWorker()
    t.wechat.failNextSends(40001)
    expect(await worker.sendDue()).toEqual({ sent: 1, retrying: 0, failed: 0 })
    expect(t.wechat.tokenGrants()).toBe(2)
    expect(await onlyRow()).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('when WeChat expired the cached token before the client expected (42001), then the worker refreshes it and sends', async () => {
    await queuedReminders()
    const client = aClient(() => new Date())
    await client.getAccessToken()
    t.setNow(seconds(3 * 3600))
    expect(await aWorker(t.db, {}, client).sendDue()).toEqual({ sent: 1, retrying: 0, failed: 0 })
    expect(t.wechat.tokenGrants()).toBe(2)
  })

  it('when the daily quota is used up (45009), then the row waits for Beijing midnight, and gives up after the last attempt', async () => {
    await queuedReminders()
    const worker = aWorker()
    t.wechat.failNextSends(45009, OUTBOX_MAX_ATTEMPTS)
    await worker.sendDue()
    expect(await onlyRow()).toMatchObject({ status: 'pending', attempts: 1, last_errcode: 45009, next_attempt_at: nextQuotaReset(t.now()) })
    for (let attempt = 2; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      t.setNow((await onlyRow()).next_attempt_at)
      await worker.sendDue()
    }
    expect(await onlyRow()).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS, last_errcode: 45009 })
    t.setNow(seconds(7 * 86400))
    expect(await worker.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 0 })
    expect(t.wechat.sentMessages()).toEqual([])
  })

  it('when a user no longer has an openid, then the row fails without calling WeChat', async () => {
    const { cadres: [cadre] } = await queuedReminders()
    await t.db.updateTable('users').set({ openid: null }).where('id', '=', cadre.id).execute()
    expect(await aWorker().sendDue()).toEqual({ sent: 0, retrying: 0, failed: 1 })
    expect(await onlyRow()).toMatchObject({ status: 'failed', last_errcode: null, last_error: '该用户未绑定微信，无法发送' })
    expect(t.wechat.tokenGrants()).toBe(0)
  })

  it('when the bulletin was retracted after the reminder was queued, then the row fails without calling WeChat', async () => {
    const { bulletin } = await queuedReminders()
    await t.db.updateTable('bulletins').set({ retracted_at: t.now() }).where('id', '=', bulletin.id).execute()
    expect(await aWorker().sendDue()).toEqual({ sent: 0, retrying: 0, failed: 1 })
    expect(await onlyRow()).toMatchObject({ status: 'failed', last_errcode: null, last_error: '通报已撤回，不再提醒' })
    expect(t.wechat.tokenGrants()).toBe(0)
  })

  describe('two server processes', () => {
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

    it('when two workers send at the same time, then every reminder is sent exactly once', async () => {
      const { cadres } = await queuedReminders(16)
      const workers = [aWorker(t.db, { batchSize: 2 }), aWorker(await secondDatabase(), { batchSize: 2 })]
      const summaries = await Promise.all(workers.map((w) => w.sendDue()))
      expect(summaries.reduce((n, s) => n + s.sent, 0)).toBe(16)
      expect(t.wechat.sentMessages().map((m) => m.touser).sort()).toEqual(cadres.map((c) => c.openid).sort())
      const rows = await outboxRows(t.db)
      expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(16).fill(['sent', 1]))
    })
  })

  it('when the server starts with the worker on, then due reminders go out without being asked and close leaves nothing running', async () => {
    const app = await startTestApp(engine, { outboxWorker: true })
    try {
      const tree = await aRegionTree(app.db)
      const cadre = await aSubscriber(app.db, { role: 'cadre', regionId: tree.villages[0].id })
      await aBulletin(app.db, { regionId: tree.town.id, authorId: cadre.id, publishedAt: app.now() })
      await app.app.ready()
      for (let i = 0; i < 100 && app.wechat.sentMessages().length === 0; i++) await new Promise((r) => setTimeout(r, 100))
      expect(app.wechat.sentMessages().map((m) => m.touser)).toEqual([cadre.openid])
    } finally {
      await app.close()
    }
  })
})
