import type { Role } from '@/core/roles'
import { buildApp } from '../../server/src/app'
import { createFirstAdminInvitation } from '../../server/src/modules/invitations/first-admin'
import { seedResidentContent } from '../../server/src/content/resident-content'
import { aHousehold, aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const HOUR_MS = 3600_000

describe.each(ENGINES)('joining on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  beforeEach(async () => {
    t = await startTestApp(engine)
    tree = await aRegionTree(t.db)
  })
  afterEach(async () => { await t.close() })

  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token?: string, payload?: object) =>
    t.app.inject({ method, url, ...(token && { headers: bearer(token) }), ...(payload && { payload }) })
  const tokenFor = async (role: Role, regionId: string, displayName = '测试用户') =>
    signIn(t, (await aUser(t.db, { displayName, roles: [{ role, regionId }] })).id)
  /** A first WeChat login, exactly as a stranger's phone does it. */
  async function aNewcomer(openid = `o_${Math.random().toString(36).slice(2)}`): Promise<{ token: string; id: string }> {
    const res = await send('POST', '/api/auth/wechat-login', undefined, { code: t.wechat.issueCode(openid) })
    expect(res.statusCode).toBe(200)
    return { token: res.json().token, id: res.json().user.id }
  }
  async function anInvitation(token: string, role: Role, regionId: string, extra: object = {}) {
    const res = await send('POST', '/api/invitations', token, { role, regionId, maxUses: 1, expiresInHours: 24, ...extra })
    expect(res.statusCode).toBe(200)
    return res.json() as { code: string; url: string; qrSvg: string; status: string; regionName: string }
  }

  describe('residents', () => {
    it('when a first-time WeChat user binds to their village, then they hold the resident role there and today\'s quiz opens', async () => {
      await seedResidentContent(t.db)
      const user = await aNewcomer()
      expect((await send('POST', '/api/quiz/today', user.token)).statusCode).toBe(403)
      const bound = await send('PUT', '/api/me/residence', user.token, { villageId: tree.villages[0].id })
      expect(bound.statusCode).toBe(200)
      expect(bound.json().me.roles).toEqual([{ role: 'resident', regionId: tree.villages[0].id, regionName: '东村', regionPath: tree.villages[0].path }])
      expect(bound.json().residence).toMatchObject({ villageId: tree.villages[0].id, villageName: '东村', townName: '测试镇', householdCode: null })
      expect((await send('POST', '/api/quiz/today', user.token)).statusCode).toBe(200)
    })

    it('when a resident taps 我住这里 at a door label, then they live in that household\'s village and the household is remembered', async () => {
      const h = await aHousehold(t.db, { regionId: tree.grids[1][0].id, code: 'BL-0042' })
      await send('POST', '/api/labels/issue', await tokenFor('admin', tree.town.id), { householdIds: [h.id] })
      const { token } = await t.db.selectFrom('door_labels').select('token').where('household_id', '=', h.id).executeTakeFirstOrThrow()
      const user = await aNewcomer()
      const door = (await send('GET', `/api/doors/${token}`, user.token)).json()
      expect(door).toMatchObject({ kind: 'public', advice: { village: { id: tree.villages[1].id, name: '西村' } } })
      expect(JSON.stringify(door)).not.toContain('BL-0042')
      const res = await send('PUT', '/api/me/residence', user.token, { doorToken: token })
      expect(res.statusCode).toBe(200)
      expect(res.json().residence).toMatchObject({ villageId: tree.villages[1].id, householdCode: 'BL-0042' })
    })

    it.each([['a town', (tr: RegionTree) => tr.town.id], ['a grid', (tr: RegionTree) => tr.grids[0][0].id]])(
      'when a user tries to bind to %s, then 400 RESIDENCE_VILLAGE_REQUIRED and no role is granted',
      async (_what, regionOf) => {
        const user = await aNewcomer()
        const res = await send('PUT', '/api/me/residence', user.token, { villageId: regionOf(tree) })
        expect(res.statusCode).toBe(400)
        expect(res.json()).toMatchObject({ code: 'RESIDENCE_VILLAGE_REQUIRED', message: expect.stringContaining('村') })
        expect((await send('GET', '/api/me', user.token)).json().roles).toEqual([])
      },
    )

    it('when the region does not exist or the door label is forged, then 404 with a Chinese message', async () => {
      const user = await aNewcomer()
      expect((await send('PUT', '/api/me/residence', user.token, { villageId: '999999999999' })).json().code).toBe('REGION_NOT_FOUND')
      expect((await send('PUT', '/api/me/residence', user.token, { doorToken: 'AAAAAAAAAAAAAAAAAAAAAA' })).json().code).toBe('LABEL_UNKNOWN')
      expect((await send('PUT', '/api/me/residence', user.token, {})).statusCode).toBe(400)
    })

    it('when a resident binds twice to the same village and then moves, then they live in exactly one village and the history says so', async () => {
      const user = await aNewcomer()
      await send('PUT', '/api/me/residence', user.token, { villageId: tree.villages[0].id })
      await send('PUT', '/api/me/residence', user.token, { villageId: tree.villages[0].id })
      const moved = await send('PUT', '/api/me/residence', user.token, { villageId: tree.villages[1].id })
      expect(moved.json().me.roles.map((r: { regionId: string }) => r.regionId)).toEqual([tree.villages[1].id])
      const history = (await send('GET', `/api/users/${user.id}`, await tokenFor('admin', tree.town.id))).json().history
      expect(history.map((h: { action: string }) => h.action)).toEqual(['residence.move', 'residence.bind'])
      expect(history[0].text).toBe('变更居住地 居民 · 测试镇 东村 → 测试镇 西村')
    })

    it('when a resident leaves, then the role and residence are gone and their quiz attempt stays only as an anonymous count', async () => {
      await seedResidentContent(t.db)
      const user = await aNewcomer()
      await send('PUT', '/api/me/residence', user.token, { villageId: tree.villages[0].id })
      await send('POST', '/api/quiz/today', user.token)
      expect((await send('GET', '/api/me/data', user.token)).json()).toMatchObject({ quizAttempts: 1, residence: { villageName: '东村' } })
      expect((await send('DELETE', '/api/me/residence', user.token)).statusCode).toBe(204)
      expect((await send('GET', '/api/me/data', user.token)).json()).toMatchObject({ quizAttempts: 0, prizeClaims: 0, residence: null, roles: [] })
      const attempts = await t.db.selectFrom('quiz_attempts').select(['user_id', 'village_id']).execute()
      expect(attempts).toEqual([{ user_id: null, village_id: tree.villages[0].id }])
      expect((await send('DELETE', '/api/me/residence', user.token)).json().code).toBe('RESIDENCE_NOT_FOUND')
    })

    it('when anyone asks for the places, then every town comes with its villages and no grid', async () => {
      const res = await send('GET', '/api/places')
      expect(res.json().towns).toEqual([{ id: tree.town.id, name: '测试镇', countyName: '测试区', villages: [{ id: tree.villages[0].id, name: '东村' }, { id: tree.villages[1].id, name: '西村' }] }])
    })
  })

  describe('invitations', () => {
    it('when a cadre invites an admin, or a grid worker for another village\'s grid, then it is refused; for their own grid, then a code and QR come back', async () => {
      const cadre = await tokenFor('cadre', tree.villages[0].id)
      const admin = await send('POST', '/api/invitations', cadre, { role: 'admin', regionId: tree.town.id, maxUses: 1, expiresInHours: 24 })
      expect(admin.statusCode).toBe(403)
      expect(admin.json().code).toBe('INVITATION_NOT_ALLOWED')
      const otherVillage = await send('POST', '/api/invitations', cadre, { role: 'grid_worker', regionId: tree.grids[1][0].id, maxUses: 1, expiresInHours: 24 })
      expect(otherVillage.json().code).toBe('INVITATION_NOT_ALLOWED')
      const ok = await anInvitation(cadre, 'grid_worker', tree.grids[0][1].id)
      expect(ok.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
      expect(ok.url).toBe(`${t.config.publicBaseUrl}/join/${ok.code}`)
      expect(ok.qrSvg).toContain('<svg')
      expect(ok.regionName).toBe('东村第2网格')
    })

    it('when a town admin invites for the county, a grid worker invites anyone, or a role is put at the wrong level, then it is refused', async () => {
      const admin = await tokenFor('admin', tree.town.id)
      expect((await send('POST', '/api/invitations', admin, { role: 'admin', regionId: tree.county.id, maxUses: 1, expiresInHours: 24 })).statusCode).toBe(403)
      expect((await send('POST', '/api/invitations', admin, { role: 'cadre', regionId: tree.grids[0][0].id, maxUses: 1, expiresInHours: 24 })).statusCode).toBe(403)
      const worker = await tokenFor('grid_worker', tree.grids[0][0].id)
      expect((await send('POST', '/api/invitations', worker, { role: 'grid_worker', regionId: tree.grids[0][0].id, maxUses: 1, expiresInHours: 24 })).statusCode).toBe(403)
      expect((await send('POST', '/api/invitations', admin, { role: 'resident', regionId: tree.villages[0].id, maxUses: 1, expiresInHours: 24 })).statusCode).toBe(400)
    })

    it('when a newcomer opens and accepts an invitation, then they see who invited and hold the role at once, and can record a visit there', async () => {
      const inviter = await aUser(t.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: tree.town.id }] })
      const inv = await anInvitation(await signIn(t, inviter.id), 'grid_worker', tree.grids[0][0].id)
      const user = await aNewcomer()
      const preview = await send('GET', `/api/invitations/${inv.code.toLowerCase().slice(0, 4)}-${inv.code.slice(4)}`, user.token)
      expect(preview.json()).toMatchObject({ inviterName: '李警官', role: 'grid_worker', regionName: '东村第1网格', status: 'open', alreadyHeld: false })
      const accepted = await send('POST', `/api/invitations/${inv.code}/accept`, user.token)
      expect(accepted.statusCode).toBe(200)
      expect(accepted.json().me.roles).toMatchObject([{ role: 'grid_worker', regionId: tree.grids[0][0].id }])
      const h = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
      const visit = {
        id: '7d1b1c1e-1111-4111-8111-111111111111', householdId: h.id, visitedAt: new Date(t.now().getTime() - 60_000).toISOString(), note: '',
        briefed: true, appInstalled: true, callWarningOn: false, emergencyContact: false, elderlyChildReminded: false,
      }
      const synced = await send('POST', '/api/visits/batch', user.token, { visits: [visit] })
      expect(synced.json().items[0].status).toBe('stored')
      const history = (await send('GET', `/api/users/${user.id}`, await signIn(t, inviter.id))).json().history
      expect(history[0]).toMatchObject({ action: 'role.grant', actorName: '李警官', text: '授予角色 网格员/民警 · 东村第1网格（通过邀请）' })
    })

    it('when two people accept a one-use code at the same moment, then exactly one of them gets the role', async () => {
      const inv = await anInvitation(await tokenFor('admin', tree.town.id), 'cadre', tree.villages[1].id)
      const people = await Promise.all(Array.from({ length: 6 }, () => aNewcomer()))
      const answers = await Promise.all(people.map((p) => send('POST', `/api/invitations/${inv.code}/accept`, p.token)))
      expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1)
      expect(answers.filter((a) => a.statusCode === 409).map((a) => a.json().code)).toEqual(Array(5).fill('INVITATION_USED_UP'))
      const holders = await t.db.selectFrom('role_assignments').select('user_id').where('role', '=', 'cadre').where('region_id', '=', tree.villages[1].id).execute()
      expect(holders).toHaveLength(1)
    })

    it('when a code is forged, expired, used up, revoked or reused by the same person, then each answers its own Chinese refusal', async () => {
      const admin = await tokenFor('admin', tree.town.id)
      const user = await aNewcomer()
      expect((await send('GET', '/api/invitations/ZZZZZZZZ', user.token)).json().code).toBe('INVITATION_NOT_FOUND')
      expect((await send('POST', '/api/invitations/%3Cscript%3E/accept', user.token)).statusCode).toBe(400)
      const twice = await anInvitation(admin, 'dissuader', tree.town.id, { maxUses: 5 })
      expect((await send('POST', `/api/invitations/${twice.code}/accept`, user.token)).statusCode).toBe(200)
      expect((await send('POST', `/api/invitations/${twice.code}/accept`, user.token)).statusCode).toBe(200) // holds it already: nothing taken
      expect((await send('GET', '/api/invitations', admin)).json().items.find((i: { code: string }) => i.code === twice.code).usedCount).toBe(1)
      // Removed by an admin, the same code cannot bring them back.
      expect((await send('POST', `/api/users/${user.id}/roles/remove`, admin, { role: 'dissuader', regionId: tree.town.id })).statusCode).toBe(200)
      expect((await send('POST', `/api/invitations/${twice.code}/accept`, user.token)).json().code).toBe('INVITATION_ALREADY_ACCEPTED')
      expect((await send('POST', `/api/invitations/${twice.code}/accept`, user.token)).statusCode).toBe(409)
      const revoked = await anInvitation(admin, 'grid_worker', tree.grids[0][0].id)
      expect((await send('POST', `/api/invitations/${revoked.code}/revoke`, admin)).json().status).toBe('revoked')
      expect((await send('POST', `/api/invitations/${revoked.code}/accept`, user.token)).json()).toMatchObject({ code: 'INVITATION_REVOKED', message: expect.stringContaining('作废') })
      const expiring = await anInvitation(admin, 'grid_worker', tree.grids[0][1].id, { expiresInHours: 1 })
      t.setNow(new Date(t.now().getTime() + 2 * HOUR_MS))
      expect((await send('POST', `/api/invitations/${expiring.code}/accept`, user.token)).json().code).toBe('INVITATION_EXPIRED')
      expect((await send('GET', '/api/me', user.token)).json().roles).toEqual([])
    })

    it('when someone who already holds the role accepts, then nothing changes and the use stays for the person it was meant for', async () => {
      const admin = await tokenFor('admin', tree.town.id)
      const inv = await anInvitation(admin, 'grid_worker', tree.grids[0][0].id)
      const holder = await tokenFor('grid_worker', tree.grids[0][0].id)
      expect((await send('GET', `/api/invitations/${inv.code}`, holder)).json().alreadyHeld).toBe(true)
      expect((await send('POST', `/api/invitations/${inv.code}/accept`, holder)).statusCode).toBe(200)
      const newcomer = await aNewcomer()
      expect((await send('POST', `/api/invitations/${inv.code}/accept`, newcomer.token)).statusCode).toBe(200)
    })

    it('when the inviter was deactivated before the code is used, then accepting is refused as INVITATION_INVALID', async () => {
      const cadre = await aUser(t.db, { displayName: '王书记', roles: [{ role: 'cadre', regionId: tree.villages[0].id }] })
      const inv = await anInvitation(await signIn(t, cadre.id), 'grid_worker', tree.grids[0][0].id)
      await aUser(t.db, { displayName: '另一位管理员', roles: [{ role: 'admin', regionId: tree.county.id }] })
      expect((await send('POST', `/api/users/${cadre.id}/deactivate`, await tokenFor('admin', tree.town.id))).statusCode).toBe(200)
      const res = await send('POST', `/api/invitations/${inv.code}/accept`, (await aNewcomer()).token)
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('INVITATION_INVALID')
    })

    it('when a fresh install prints the first admin invitation, then a newcomer who accepts it administers that county', async () => {
      const first = await createFirstAdminInvitation(t.database, t.config, tree.county.id, { now: t.now })
      expect(first.url).toBe(`${t.config.publicBaseUrl}/join/${first.code}`)
      const user = await aNewcomer()
      expect((await send('GET', `/api/invitations/${first.code}`, user.token)).json().inviterName).toBe('系统（首位管理员）')
      expect((await send('POST', `/api/invitations/${first.code}/accept`, user.token)).statusCode).toBe(200)
      expect((await send('POST', `/api/invitations/${first.code}/accept`, (await aNewcomer()).token)).json().code).toBe('INVITATION_USED_UP')
      expect((await send('GET', `/api/users?regionId=${tree.county.id}`, user.token)).statusCode).toBe(200)
      await expect(createFirstAdminInvitation(t.database, t.config, tree.villages[0].id, { now: t.now })).rejects.toThrow('管理员只能设在区县或镇街')
      await expect(createFirstAdminInvitation(t.database, t.config, '123456', { now: t.now })).rejects.toThrow('找不到区域')
    })

    it('when the join link is opened, then it redirects to the app\'s join page with the code', async () => {
      const res = await send('GET', '/join/ABCD2345')
      expect(res.statusCode).toBe(302)
      expect(res.headers.location).toBe('/#/packages/account/pages/join/index?code=ABCD2345')
    })
  })

  describe('user administration', () => {
    it('when an admin searches by name, role and status, then only matching people in scope come back, paged', async () => {
      const admin = await tokenFor('admin', tree.town.id, '李警官')
      await aUser(t.db, { displayName: '张网格', roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }] })
      await aUser(t.db, { displayName: '张大爷', roles: [{ role: 'resident', regionId: tree.villages[0].id }] })
      await aUser(t.db, { displayName: '赵网格', roles: [{ role: 'grid_worker', regionId: tree.grids[1][0].id }] })
      const outsider = await aRegionTree(t.db)
      await aUser(t.db, { displayName: '张外人', roles: [{ role: 'grid_worker', regionId: outsider.grids[0][0].id }] })
      const byName = (await send('GET', `/api/users?q=${encodeURIComponent('张')}`, admin)).json()
      expect(byName.items.map((u: { displayName: string }) => u.displayName)).toEqual(['张大爷', '张网格'])
      const workers = (await send('GET', '/api/users?role=grid_worker&pageSize=1&page=2', admin)).json()
      expect(workers.total).toBe(2)
      expect(workers.items.map((u: { displayName: string }) => u.displayName)).toEqual(['赵网格'])
      expect((await send('GET', '/api/users?status=inactive', admin)).json().total).toBe(0)
    })

    it('when an admin moves a worker to another grid and removes a role, then both show in the user\'s history with who did it', async () => {
      const adminUser = await aUser(t.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: tree.town.id }] })
      const admin = await signIn(t, adminUser.id)
      const worker = await aUser(t.db, { displayName: '张网格', roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }, { role: 'dissuader', regionId: tree.town.id }] })
      const moved = await send('POST', `/api/users/${worker.id}/roles/move`, admin, { role: 'grid_worker', fromRegionId: tree.grids[0][0].id, toRegionId: tree.grids[1][1].id })
      expect(moved.statusCode).toBe(200)
      expect(moved.json().roles.map((r: { regionId: string }) => r.regionId)).toEqual([tree.town.id, tree.grids[1][1].id])
      const wrongLevel = await send('POST', `/api/users/${worker.id}/roles/move`, admin, { role: 'grid_worker', fromRegionId: tree.grids[1][1].id, toRegionId: tree.villages[0].id })
      expect(wrongLevel.json().code).toBe('ROLE_REGION_MISMATCH')
      const removed = await send('POST', `/api/users/${worker.id}/roles/remove`, admin, { role: 'dissuader', regionId: tree.town.id })
      expect(removed.json().history.map((h: { text: string; actorName: string }) => [h.text, h.actorName])).toEqual([
        ['移除角色 劝阻员 · 测试镇', '李警官'],
        ['调整辖区 网格员/民警 · 东村第1网格 → 西村第2网格', '李警官'],
      ])
      expect((await send('POST', `/api/users/${worker.id}/roles/remove`, admin, { role: 'dissuader', regionId: tree.town.id })).json().code).toBe('ROLE_NOT_HELD')
    })

    it('when an admin deactivates a worker, then the worker\'s very next request is refused and they cannot sign in until reactivated', async () => {
      const admin = await tokenFor('admin', tree.town.id)
      const worker = await aUser(t.db, { displayName: '张网格', openid: 'o_worker', roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }] })
      const session = await signIn(t, worker.id)
      expect((await send('GET', '/api/me', session)).statusCode).toBe(200) // now remembered by the session cache
      const off = await send('POST', `/api/users/${worker.id}/deactivate`, admin)
      expect(off.json()).toMatchObject({ active: false })
      const next = await send('GET', '/api/me', session)
      expect(next.statusCode).toBe(401)
      expect(next.json()).toMatchObject({ code: 'USER_DEACTIVATED', message: expect.stringContaining('停用') })
      expect((await send('POST', '/api/auth/wechat-login', undefined, { code: t.wechat.issueCode('o_worker') })).json().code).toBe('USER_DEACTIVATED')
      expect((await send('POST', `/api/users/${worker.id}/reactivate`, admin)).json().active).toBe(true)
      const back = await send('POST', '/api/auth/wechat-login', undefined, { code: t.wechat.issueCode('o_worker') })
      expect(back.statusCode).toBe(200)
      expect((await send('GET', `/api/users/${worker.id}`, admin)).json().history.map((h: { action: string }) => h.action)).toEqual(['user.reactivate', 'user.deactivate'])
    })

    it('when the last admin of a county would be removed or deactivated, then it is refused; with a second admin, then it works', async () => {
      const county = await aUser(t.db, { displayName: '县管理员', roles: [{ role: 'admin', regionId: tree.county.id }] })
      const town = await aUser(t.db, { displayName: '镇管理员', roles: [{ role: 'admin', regionId: tree.town.id }] })
      const countyToken = await signIn(t, county.id)
      expect((await send('POST', `/api/users/${town.id}/roles/remove`, countyToken, { role: 'admin', regionId: tree.town.id })).statusCode).toBe(200)
      const other = await aUser(t.db, { displayName: '另一县管理员', roles: [{ role: 'admin', regionId: tree.county.id }] })
      await t.db.deleteFrom('role_assignments').where('user_id', '=', other.id).execute()
      const last = await send('POST', `/api/users/${county.id}/deactivate`, await signIn(t, other.id))
      expect(last.statusCode).toBe(404) // the other holds no role now: the county admin is outside any scope of theirs
      await t.db.insertInto('role_assignments').values({ user_id: other.id, role: 'admin', region_id: tree.county.id }).execute()
      await t.db.updateTable('users').set({ deactivated_at: t.now() }).where('id', '=', county.id).execute()
      const refused = await send('POST', `/api/users/${other.id}/roles/remove`, await tokenFor('admin', tree.county.id, '第三位'), { role: 'admin', regionId: tree.county.id })
      expect(refused.statusCode).toBe(200) // 第三位 remains
      const lastOne = await aUser(t.db, { displayName: '最后', roles: [{ role: 'admin', regionId: tree.county.id }] })
      await t.db.deleteFrom('role_assignments').where('role', '=', 'admin').where('user_id', '!=', lastOne.id).execute()
      const viaTownAdmin = await aUser(t.db, { displayName: '镇里', roles: [{ role: 'admin', regionId: tree.town.id }] })
      expect((await send('POST', `/api/users/${lastOne.id}/deactivate`, await signIn(t, viaTownAdmin.id))).statusCode).toBe(404)
      await t.db.deleteFrom('role_assignments').where('user_id', '=', viaTownAdmin.id).execute()
      await t.db.insertInto('role_assignments').values({ user_id: viaTownAdmin.id, role: 'admin', region_id: tree.county.id }).execute()
      await t.db.updateTable('users').set({ deactivated_at: t.now() }).where('id', '=', viaTownAdmin.id).execute()
      const res = await send('POST', `/api/users/${lastOne.id}/roles/remove`, await tokenFor('admin', tree.county.id, '临时'), { role: 'admin', regionId: tree.county.id })
      expect(res.statusCode).toBe(200)
    })

    it('when two county admins try to remove each other\'s admin role at once, then one succeeds and the county keeps an admin', async () => {
      const a = await aUser(t.db, { displayName: '甲', roles: [{ role: 'admin', regionId: tree.county.id }] })
      const b = await aUser(t.db, { displayName: '乙', roles: [{ role: 'admin', regionId: tree.county.id }] })
      const [ta, tb] = await Promise.all([signIn(t, a.id), signIn(t, b.id)])
      const answers = await Promise.all([
        send('POST', `/api/users/${b.id}/roles/remove`, ta, { role: 'admin', regionId: tree.county.id }),
        send('POST', `/api/users/${a.id}/roles/remove`, tb, { role: 'admin', regionId: tree.county.id }),
      ])
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409])
      expect(answers.find((r) => r.statusCode === 409)!.json().code).toBe('LAST_ADMIN')
      expect(await t.db.selectFrom('role_assignments').select('user_id').where('role', '=', 'admin').execute()).toHaveLength(1)
    })

    it('when anyone tries to change their own roles or status through any route, then it is refused', async () => {
      const adminUser = await aUser(t.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: tree.town.id }] })
      const admin = await signIn(t, adminUser.id)
      expect((await send('POST', `/api/users/${adminUser.id}/roles/remove`, admin, { role: 'admin', regionId: tree.town.id })).json().code).toBe('SELF_CHANGE_FORBIDDEN')
      expect((await send('POST', `/api/users/${adminUser.id}/roles/move`, admin, { role: 'admin', fromRegionId: tree.town.id, toRegionId: tree.county.id })).json().code).toBe('SELF_CHANGE_FORBIDDEN')
      expect((await send('POST', `/api/users/${adminUser.id}/deactivate`, admin)).json().code).toBe('SELF_CHANGE_FORBIDDEN')
      const resident = await aNewcomer()
      await send('PUT', '/api/me/residence', resident.token, { villageId: tree.villages[0].id })
      expect((await send('POST', `/api/users/${resident.id}/roles/move`, resident.token, { role: 'resident', fromRegionId: tree.villages[0].id, toRegionId: tree.town.id })).json().code).toBe('SELF_CHANGE_FORBIDDEN')
      expect((await send('POST', '/api/invitations', resident.token, { role: 'admin', regionId: tree.town.id, maxUses: 1, expiresInHours: 1 })).statusCode).toBe(403)
      expect((await send('PUT', '/api/me/residence', resident.token, { villageId: tree.villages[0].id, role: 'admin' })).json().me.roles.map((r: { role: string }) => r.role)).toEqual(['resident'])
    })

    it('when a user outside the admin\'s scope is read or changed, then it answers 404 as for an unknown user', async () => {
      const admin = await tokenFor('admin', tree.town.id)
      const outsider = await aRegionTree(t.db)
      const stranger = await aUser(t.db, { roles: [{ role: 'grid_worker', regionId: outsider.grids[0][0].id }] })
      for (const res of [
        await send('GET', `/api/users/${stranger.id}`, admin),
        await send('POST', `/api/users/${stranger.id}/deactivate`, admin),
        await send('POST', `/api/users/${stranger.id}/roles/remove`, admin, { role: 'grid_worker', regionId: outsider.grids[0][0].id }),
        await send('GET', '/api/users/00000000-0000-4000-8000-000000000000', admin),
      ]) {
        expect(res.statusCode).toBe(404)
        expect(res.json().code).toBe('USER_NOT_FOUND')
      }
    })
  })
})

describe('joining across server instances on pg', () => {
  it('when an admin deactivates a user through one instance, then another instance that remembered the session refuses it at the next request', async () => {
    const first = await startTestApp('pg')
    try {
      // A second server on the same database, with its own session cache and its own listener.
      const tree = await aRegionTree(first.db)
      const second = await buildApp({ config: first.config, database: first.database, now: first.now })
      const admin = await signIn(first, (await aUser(first.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })).id)
      const worker = await aUser(first.db, { roles: [{ role: 'grid_worker', regionId: tree.grids[0][0].id }] })
      const session = await signIn(first, worker.id)
      // Households, not /api/me: only the session (and its cached roles) stands between this request and the data.
      expect((await second.inject({ method: 'GET', url: '/api/households', headers: bearer(session) })).statusCode).toBe(200)
      expect((await first.app.inject({ method: 'POST', url: `/api/users/${worker.id}/deactivate`, headers: bearer(admin) })).statusCode).toBe(200)
      expect((await second.inject({ method: 'GET', url: '/api/households', headers: bearer(session) })).json().code).toBe('USER_DEACTIVATED')
      await second.close()
    } finally {
      await first.close()
    }
  })
})
