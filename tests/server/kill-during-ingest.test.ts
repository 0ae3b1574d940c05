import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import type { VisitInput } from '@/contract/visits'
import { testConfig } from '../../server/src/config'
import { migrate } from '../../server/src/db/migrator'
import { aHousehold, aRegionTree, aUser, signIn } from './helpers/factories'
import { aPledgeInput, currentTemplate } from './helpers/pledge-factories'
import { aTarget, freePort, startServer, stopped, type Target } from './helpers/server-process'
import { ENGINES } from './helpers/test-db'

/**
 * The real server process, killed with SIGKILL while phones upload visits and pledges and residents claim prizes:
 * whatever it acknowledged must be there after a restart on the same data. Acknowledged means a 200 whose item
 * said stored (or duplicate), or a granted claim.
 */
const WORKERS = 6
const RESIDENTS = 60
/** The kill comes once each kind has been acknowledged this often (whatever the machine's speed). */
const ACKS_BEFORE_KILL = { visits: 100, pledges: 10, claims: 20 }

describe.each(ENGINES)('kill -9 during ingest on %s', (engine) => {
  let target: Target
  let server: ChildProcess | null = null
  beforeEach(async () => { target = await aTarget(engine) })
  afterEach(async () => {
    if (server && server.exitCode === null) { server.kill('SIGKILL'); await stopped(server) }
    await target.cleanUp()
  })

  it('when the server is killed with SIGKILL while visits, pledges and prize claims stream in, then every acknowledged one is there after the restart', async () => {
    // The data the phones need, written before the server first starts (PGlite allows one process at a time).
    const config = testConfig()
    const setup = await target.open()
    await migrate(setup)
    const tree = await aRegionTree(setup.db)
    const template = await currentTemplate(setup.db).catch(() => null)
    const workers: { token: string; household: string }[] = []
    for (let i = 0; i < WORKERS; i++) {
      const grid = tree.grids[0][i % tree.grids[0].length]
      const user = await aUser(setup.db, { roles: [{ role: 'grid_worker', regionId: grid.id }] })
      workers.push({ token: await signIn({ db: setup.db, config }, user.id), household: (await aHousehold(setup.db, { regionId: grid.id })).id })
    }
    const admin = await signIn({ db: setup.db, config }, (await aUser(setup.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })).id)
    const residents: string[] = []
    for (let i = 0; i < RESIDENTS; i++) residents.push(await signIn({ db: setup.db, config }, (await aUser(setup.db, { roles: [{ role: 'resident', regionId: tree.villages[0].id }] })).id))
    await setup.close()

    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    server = await startServer(target, port)
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) })
      return { status: res.status, body: await res.json() }
    }
    const now = new Date()
    const prize = await call(admin, 'POST', '/api/prizes', {
      regionId: tree.town.id, name: '折扇', description: '', stock: 100_000, perUserLimit: 100, minScore: null, minStreak: null,
      validFrom: new Date(now.getTime() - 3600_000).toISOString(), validTo: new Date(now.getTime() + 86_400_000).toISOString(), pickupPlace: '派出所',
    })
    expect(prize.status).toBe(200)

    const acked = { visits: new Set<string>(), pledges: new Set<string>(), claims: new Set<string>() }
    let killed = false
    const keepSending = async (send: () => Promise<void>) => {
      while (!killed) {
        try { await send() } catch { /* the server is gone: this request was never acknowledged */ }
      }
    }
    const visitLoop = (w: { token: string; household: string }) => keepSending(async () => {
      const visits: VisitInput[] = Array.from({ length: 5 }, () => ({
        id: randomUUID(), householdId: w.household, visitedAt: new Date(Date.now() - 60_000).toISOString(), note: '', briefed: true,
        appInstalled: false, callWarningOn: false, emergencyContact: false, elderlyChildReminded: false,
      }))
      const res = await call(w.token, 'POST', '/api/visits/batch', { visits })
      if (res.status === 200) for (const item of res.body.items) if (item.status !== 'rejected') acked.visits.add(item.id)
    })
    const pledgeLoop = (w: { token: string; household: string }) => keepSending(async () => {
      if (!template) throw new Error('no pledge template')
      const pledge = aPledgeInput(template, w.household, new Date())
      const res = await call(w.token, 'POST', '/api/pledges/batch', { pledges: [pledge] })
      if (res.status === 200 && res.body.items[0].status !== 'rejected') acked.pledges.add(pledge.id)
    })
    const claimLoop = (token: string) => keepSending(async () => {
      const res = await call(token, 'POST', `/api/prizes/${prize.body.id}/claims`)
      if (res.status === 200) acked.claims.add(res.body.code)
    })
    const loops = [...workers.map(visitLoop), ...workers.map(pledgeLoop), ...residents.slice(0, 20).map(claimLoop)]
    const enough = () => acked.visits.size >= ACKS_BEFORE_KILL.visits && acked.pledges.size >= ACKS_BEFORE_KILL.pledges && acked.claims.size >= ACKS_BEFORE_KILL.claims
    const waitUntil = Date.now() + 90_000
    while (!enough()) {
      if (Date.now() > waitUntil) throw new Error(`too few acknowledgements before the kill: ${acked.visits.size} visits, ${acked.pledges.size} pledges, ${acked.claims.size} claims`)
      await new Promise((r) => setTimeout(r, 20))
    }
    server.kill('SIGKILL')
    await stopped(server)
    killed = true
    await Promise.all(loops)

    server = await startServer(target, port)
    server.kill('SIGTERM')
    await stopped(server)
    const after = await target.open()
    try {
      const visits = new Set((await after.db.selectFrom('visits').select('id').execute()).map((r) => r.id))
      const pledges = new Set((await after.db.selectFrom('pledges').select('id').execute()).map((r) => r.id))
      const claims = new Set((await after.db.selectFrom('prize_claims').select('code').execute()).map((r) => r.code))
      expect(acked.visits.size).toBeGreaterThan(0)
      expect(acked.pledges.size).toBeGreaterThan(0)
      expect(acked.claims.size).toBeGreaterThan(0)
      expect([...acked.visits].filter((id) => !visits.has(id))).toEqual([])
      expect([...acked.pledges].filter((id) => !pledges.has(id))).toEqual([])
      expect([...acked.claims].filter((code) => !claims.has(code))).toEqual([])
    } finally {
      await after.close()
    }
  }, 180_000)
})
