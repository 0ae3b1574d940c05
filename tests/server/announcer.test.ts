import { sql } from 'kysely'
import { Announcer } from '../../server/src/db/announcer'
import type { Database } from '../../server/src/db/database'
import { openTestDatabase } from './helpers/test-db'

/** A change announced by another instance: a plain NOTIFY on the topic's channel, committed at once. */
const announceFromElsewhere = (database: Database, topic: string, payload: string) =>
  sql`SELECT pg_notify(${database.channelName!(topic)}, ${payload})`.execute(database.db)

/** Notifications arrive asynchronously; a round trip on the same server lets any due one land first. */
const settle = async (database: Database) => {
  await sql`SELECT pg_sleep(0.05)`.execute(database.db)
  await new Promise((resolve) => setTimeout(resolve, 50))
}

describe('Announcer on PostgreSQL', () => {
  let database: Database
  beforeEach(async () => { database = await openTestDatabase('pg') })
  afterEach(async () => { await database.close() })

  it('when another instance announces a change, then this one hears it', async () => {
    const heard: string[] = []
    const announcer = new Announcer(database, 'prizes', (payload) => heard.push(payload))
    await announcer.start()
    await announceFromElsewhere(database, 'prizes', 'p1')
    await settle(database)
    await announcer.stop()
    expect(heard).toEqual(['p1'])
  })

  it('when it is started twice and stopped once, then it hears nothing more and holds no listening connection', async () => {
    const heard: string[] = []
    const announcer = new Announcer(database, 'prizes', (payload) => heard.push(payload))
    await Promise.all([announcer.start(), announcer.start()])
    await announcer.start()
    await announcer.stop()
    await announceFromElsewhere(database, 'prizes', 'after-stop')
    await settle(database)
    const listening = await sql<{ n: string }>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE ${`LISTEN ${database.channelName!('prizes')}%`}`
      .execute(database.db)
    expect(heard).toEqual([])
    expect(Number(listening.rows[0].n)).toBe(0)
  })

  it('when it is stopped and started again, then it hears once per announcement', async () => {
    const heard: string[] = []
    const announcer = new Announcer(database, 'prizes', (payload) => heard.push(payload))
    await announcer.start()
    await announcer.stop()
    await announcer.start()
    await announceFromElsewhere(database, 'prizes', 'p2')
    await settle(database)
    await announcer.stop()
    expect(heard).toEqual(['p2'])
  })
})
