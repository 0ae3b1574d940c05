import type { Kysely } from 'kysely'
import type { WorkerProgress } from '@/contract/coverage'
import type { PledgeInput } from '@/contract/pledges'
import { chinaQuarterOf, periodInstants } from '@/core/report-period'
import type { DB } from '../../server/src/db/schema'
import { aHousehold, aRegion, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { aPledgeInput, currentTemplate } from './helpers/pledge-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('a grid worker\'s progress this quarter on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const progress = (token: string) => t.app.inject({ method: 'GET', url: '/api/coverage/my-grids', headers: bearer(token) })
  const quarterStart = () => periodInstants(chinaQuarterOf(t.now())).start
  const before = (ms: number) => new Date(quarterStart().getTime() - ms)
  const after = (ms: number) => new Date(quarterStart().getTime() + ms)

  async function aHouseholdVisited(db: Kysely<DB>, gridId: string, visited: Date | null, tags: string[] = []) {
    const { id } = await aHousehold(db, { regionId: gridId, tags })
    if (visited) await db.updateTable('households').set({ first_visit_at: visited, last_visit_at: visited }).where('id', '=', id).execute()
    return id
  }
  const sign = async (token: string, inputs: PledgeInput[]) =>
    t.app.inject({ method: 'POST', url: '/api/pledges/batch', headers: bearer(token), payload: { pledges: inputs } })

  it('when a worker has visited and signed this quarter and the quarter before, then only this quarter counts, against all households', async () => {
    const tree = await aRegionTree(t.db)
    const grid = tree.grids[0][0]
    const worker = await signIn(t, (await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: grid.id }] })).id)
    const visitedNow = await aHouseholdVisited(t.db, grid.id, after(3600_000), ['一老一小'])
    const visitedBefore = await aHouseholdVisited(t.db, grid.id, before(3600_000), ['独居老人'])
    await aHouseholdVisited(t.db, grid.id, null, ['一老一小'])
    await aHouseholdVisited(t.db, grid.id, after(60_000))
    await aHouseholdVisited(t.db, tree.grids[0][1].id, after(60_000))
    const template = await currentTemplate(t.db)
    await sign(worker, [
      aPledgeInput(template, visitedNow, t.now()),
      aPledgeInput(template, visitedNow, t.now()),
      aPledgeInput(template, visitedBefore, t.now(), { signedAt: before(60_000).toISOString() }),
    ])

    const res = await progress(worker)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual<WorkerProgress>({
      quarter: chinaQuarterOf(t.now()),
      grids: [{ gridId: grid.id, gridName: '东村第1网格', households: 4, visited: 2, pledged: 1, vulnerable: 3, vulnerableVisited: 1 }],
    })
  })

  it('when a grid is named only by its number, then it comes back with its village', async () => {
    const tree = await aRegionTree(t.db)
    const grid = await aRegion(t.db, 'grid', `${tree.villages[1].id}-09`, '第9网格', tree.villages[1])
    const worker = await signIn(t, (await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: grid.id }] })).id)
    expect((await progress(worker)).json().grids.map((g: { gridName: string }) => g.gridName)).toEqual(['西村第9网格'])
  })

  it('when a cadre of the village asks, then it is refused: the progress is a grid worker\'s own', async () => {
    const tree = await aRegionTree(t.db)
    const cadre = await signIn(t, (await aUser(t.db, { roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })).id)
    expect((await progress(cadre)).statusCode).toBe(403)
  })
})
