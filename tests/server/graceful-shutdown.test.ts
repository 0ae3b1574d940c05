import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import type { VisitInput } from '@/contract/visits'
import { testConfig } from '../../server/src/config'
import { migrate } from '../../server/src/db/migrator'
import { aHousehold, aRegionTree, aUser, signIn } from './helpers/factories'
import { aTarget, freePort, startServer, stopped, type Target } from './helpers/server-process'
import type { Engine } from './helpers/test-db'

/**
 * The real server process, stopped with SIGTERM (what a supervisor, systemd or a rolling deploy sends) while phones
 * upload visits: it must stop taking requests, finish those in flight, drain its write coalescers and exit 0, so
 * that every visit it acknowledged is in the database. Also with WORKERS=2, where the primary passes the signal on.
 */
const PHONES = 6
/** SIGTERM comes once this many visits have been acknowledged (whatever the machine's speed). */
const ACKS_BEFORE_SIGTERM = 100

const CASES: [Engine, number][] = [['pglite', 1], ['pg', 1], ['pg', 2]]

describe.each(CASES)('SIGTERM during visit ingest on %s with %i worker(s)', (engine, workers) => {
  let target: Target
  let server: ChildProcess | null = null
  beforeEach(async () => { target = await aTarget(engine) })
  afterEach(async () => {
    if (server && server.exitCode === null && server.signalCode === null) { server.kill('SIGKILL'); await stopped(server) }
    await target.cleanUp()
  })

  it('when SIGTERM arrives while visits stream in, then the server exits 0 and every acknowledged visit is stored', async () => {
    const config = testConfig()
    const setup = await target.open()
    await migrate(setup)
    const tree = await aRegionTree(setup.db)
    const phones: { token: string; household: string }[] = []
    for (let i = 0; i < PHONES; i++) {
      const grid = tree.grids[i % 2][Math.floor(i / 2) % 2]
      const user = await aUser(setup.db, { roles: [{ role: 'grid_worker', regionId: grid.id }] })
      phones.push({ token: await signIn({ db: setup.db, config }, user.id), household: (await aHousehold(setup.db, { regionId: grid.id })).id })
    }
    await setup.close()

    const port = await freePort()
    server = await startServer(target, port, { WORKERS: String(workers) })
    const exited = stopped(server)
    let gone = false
    void exited.then(() => { gone = true })

    const acked = new Set<string>()
    const upload = async (phone: { token: string; household: string }) => {
      while (!gone) {
        const visits: VisitInput[] = Array.from({ length: 5 }, () => ({
          id: randomUUID(), householdId: phone.household, visitedAt: new Date(Date.now() - 60_000).toISOString(), note: '', briefed: true,
          appInstalled: false, callWarningOn: false, emergencyContact: false, elderlyChildReminded: false,
        }))
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/visits/batch`, {
            method: 'POST', headers: { authorization: `Bearer ${phone.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ visits }),
          })
          const body = await res.json()
          if (res.status === 200) for (const item of body.items) if (item.status !== 'rejected') acked.add(item.id)
        } catch {
          // The server stopped listening: this batch was never acknowledged. Give the process a moment to exit.
          await new Promise((r) => setTimeout(r, 20))
        }
      }
    }
    const uploads = phones.map(upload)
    const deadline = Date.now() + 90_000
    while (acked.size < ACKS_BEFORE_SIGTERM) {
      if (Date.now() > deadline) throw new Error(`only ${acked.size} visits acknowledged before SIGTERM`)
      await new Promise((r) => setTimeout(r, 20))
    }
    server.kill('SIGTERM')
    expect(await exited).toBe(0)
    await Promise.all(uploads)

    const after = await target.open()
    try {
      const stored = new Set((await after.db.selectFrom('visits').select('id').execute()).map((r) => r.id))
      expect(acked.size).toBeGreaterThanOrEqual(ACKS_BEFORE_SIGTERM)
      expect([...acked].filter((id) => !stored.has(id))).toEqual([])
    } finally {
      await after.close()
    }
  }, 180_000)
})
