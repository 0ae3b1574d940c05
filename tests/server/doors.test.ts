import type { Role } from '@/core/roles'
import { aHousehold, aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('scanned doors on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  const door = (labelToken: string, sessionToken?: string) =>
    t.app.inject({ method: 'GET', url: `/api/doors/${labelToken}`, ...(sessionToken && { headers: bearer(sessionToken) }) })

  /** A household of grid [0][0] with a label issued the way an admin issues it; answers the label's token. */
  async function aLabelledDoor(tree: RegionTree) {
    const h = await aHousehold(t.db, { regionId: tree.grids[0][0].id, code: 'M1', headName: '张建华', phone: '13812345678', address: '幸福路1号' })
    const admin = await tokenFor('admin', tree.town.id)
    await t.app.inject({ method: 'POST', url: '/api/labels/issue', headers: bearer(admin), payload: { householdIds: [h.id] } })
    const label = await t.db.selectFrom('door_labels').select('token').where('household_id', '=', h.id).executeTakeFirstOrThrow()
    return { householdId: h.id, token: label.token }
  }

  it.each([['grid_worker', 0, 0], ['cadre', 0, null], ['admin', null, null]] as [Role, number | null, number | null][])(
    'when a %s responsible for the grid scans the door, then the household comes back masked',
    async (role, v, g) => {
      const tree = await aRegionTree(t.db)
      const { householdId, token } = await aLabelledDoor(tree)
      const regionId = v === null ? tree.town.id : g === null ? tree.villages[v].id : tree.grids[v][g].id
      const res = await door(token, await tokenFor(role, regionId))
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({
        kind: 'household',
        household: expect.objectContaining({ id: householdId, code: 'M1', headName: '张*华', phoneMasked: '138****5678', address: '幸福路1号', labelVersion: 1 }),
      })
    },
  )

  it('when a grid worker of another grid scans the door, then 403 OUT_OF_SCOPE saying it is not their grid', async () => {
    const tree = await aRegionTree(t.db)
    const { token } = await aLabelledDoor(tree)
    const res = await door(token, await tokenFor('grid_worker', tree.grids[0][1].id))
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ code: 'OUT_OF_SCOPE', message: '该住户不在您负责的网格内' })
  })

  it.each([['an anonymous scanner', null], ['a resident', 'resident'], ['a dissuader', 'dissuader']] as [string, Role | null][])(
    'when %s scans the door, then only the public advice comes back, nothing about the household',
    async (_label, role) => {
      const tree = await aRegionTree(t.db)
      const { householdId, token } = await aLabelledDoor(tree)
      const res = await door(token, role ? await tokenFor(role, tree.grids[0][0].id) : undefined)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({
        kind: 'public',
        advice: { station: '柏林派出所', hotline: '96110', tips: expect.arrayContaining([expect.any(String)]), village: { id: tree.villages[0].id, name: '东村' } },
      })
      for (const personal of [householdId, 'M1', '张', '5678', '幸福路', tree.grids[0][0].id]) expect(res.body).not.toContain(personal)
    },
  )

  it.each([['an unknown token', 'AAAAAAAAAAAAAAAAAAAAAA'], ['a malformed token', 'not a token!']])('when %s is scanned, then 404 LABEL_UNKNOWN', async (_label, token) => {
    const res = await door(encodeURIComponent(token))
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ code: 'LABEL_UNKNOWN', message: '门牌二维码无效，请联系网格员' })
  })

  it('when the printed address /h/<token> is opened, then it redirects to the H5 door page with the token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/h/AbCdEfGhIjKlMnOpQrSt-_' })
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/#/pages/door/index?token=AbCdEfGhIjKlMnOpQrSt-_')
  })

  it('when /h/ carries something that is not a token, then it redirects to the door page without it', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/h/${encodeURIComponent('<script>x</script>')}` })
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/#/pages/door/index')
  })
})
