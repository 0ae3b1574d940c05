import type { InjectOptions } from 'fastify'
import type { Role } from '@/core/roles'
import { seedResidentContent } from '../../server/src/content/resident-content'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { aPledgeInput, currentTemplate } from './helpers/pledge-factories'
import { prng, SchemaFuzzer, type Schema } from './helpers/schema-fuzz'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

/**
 * Every documented route × every role × a record of the caller's own county and one of another county, all made
 * through the API. A leak is (a) a 2xx for a request naming another county's record or region on a route that
 * needs a login, or (b) any answer carrying another county's private data (ids, codes, names, phone). A route
 * whose path parameter the matrix cannot fill fails the test, so a new route cannot slip past it.
 */

const ROLES: (Role | 'anonymous')[] = ['admin', 'cadre', 'grid_worker', 'dissuader', 'resident', 'anonymous']

/** Where each path parameter comes from, by the path's resource. */
const RESOLVERS: Record<string, keyof World['records'] | 'fraudType' | 'none'> = {
  '/api/activities/{id}': 'activity', '/api/activity-photos/{photoId}': 'photo',
  '/api/bulletins/{id}': 'bulletin', '/api/public/bulletins/{id}': 'bulletin',
  '/api/doors/{token}': 'labelToken', '/h/{token}': 'labelToken',
  '/api/households/{id}': 'household', '/api/pledges/{id}': 'pledge',
  '/api/prize-claims/{code}': 'claimCode', '/api/prizes/{id}': 'prize',
  '/api/warnings/{id}': 'warning', '/api/knowledge/{fraudType}': 'fraudType', '/api/public/knowledge/{fraudType}': 'fraudType',
  '/api/users/{id}': 'staffUser', '/api/invitations/{code}': 'invitationCode',
  '/k/{fraudType}': 'fraudType',
  // No API makes these for a chosen county: groups appear from encrypted WeChat opens, tasks from a warning's steps,
  // questions are county-wide content. Their routes are requested with an id nobody has.
  '/api/groups/{id}': 'none', '/api/visit-tasks/{id}': 'none', '/api/questions/{id}': 'none',
}

/** Routes that hand another county's record to a signed-in caller on purpose, with the reason. */
const CROSS_COUNTY_BY_DESIGN: Record<string, string> = {
  'POST /api/public/bulletins/{id}/shares': 'published bulletins are public and anyone may share them',
  'GET /api/doors/{token}': 'a stranger scanning a door label gets the station\'s advice, never the household',
  'GET /api/quiz/leaderboard': 'village averages only, no person: the board of any village may be shown',
  'GET /api/invitations/{code}': 'the code is the key, like a door label: whoever holds it sees who invited them to what',
}

/**
 * Batch uploads answer 200 with a verdict per item: only a stored item is an acceptance. (A resent id answers
 * duplicate whoever sends it: ids are the phones' random UUIDs, and nothing is written.)
 */
function noItemStored(res: { json: () => unknown }): boolean {
  try {
    const items = (res.json() as { items?: { status?: string }[] }).items
    return Array.isArray(items) && items.length > 0 && items.every((i) => i.status !== 'stored')
  } catch {
    return false
  }
}

interface World {
  tree: RegionTree
  records: {
    photo: string; household: string; bulletin: string; warning: string; activity: string; prize: string; pledge: string; claimCode: string; labelToken: string
    staffUser: string; invitationCode: string
  }
  /** Strings only this county's staff may see in an answer. */
  secrets: string[]
}

describe.each(ENGINES)('authorisation matrix on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  async function token(role: Role, regionId: string) {
    return signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  }
  async function ok(res: { statusCode: number; body: string; json: () => unknown }, what: string) {
    if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`)
    return res.json() as Record<string, unknown>
  }

  /** A county with one of each record, all made through the API by its own staff. */
  async function aCounty(tag: string, n: number): Promise<World> {
    const [householdPhone, warningPhone] = [`1391234000${n}`, `1371234000${n}`]
    const tree = await aRegionTree(t.db)
    const [grid, village] = [tree.grids[0][0], tree.villages[0]]
    const admin = bearer(await token('admin', tree.town.id))
    const workerUser = await aUser(t.db, { displayName: `${tag}张网格`, roles: [{ role: 'grid_worker', regionId: grid.id }] })
    const worker = bearer(await signIn(t, workerUser.id))
    const resident = bearer(await token('resident', village.id))
    const send = (headers: Record<string, string>, method: InjectOptions['method'], url: string, payload?: object) => t.app.inject({ method, url, headers, ...(payload && { payload }) })
    const now = t.now()
    const household = await ok(await send(admin, 'POST', '/api/households', { regionId: grid.id, address: `${tag}幸福路8号`, headName: `${tag}李秀英`, phone: householdPhone, tags: [], memberCount: 1 }), 'household')
    await ok(await send(admin, 'POST', '/api/labels/issue', { householdIds: [household.id] }), 'label')
    const label = await t.db.selectFrom('door_labels').select('token').where('household_id', '=', household.id as string).executeTakeFirstOrThrow()
    const bulletin = await ok(await send(admin, 'POST', '/api/bulletins', {
      regionId: tree.town.id, bulletinDate: new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10), title: `${tag}警情通报`,
      cases: [{ fraudType: 'rebate_task', victimProfile: '某村 45岁 女性', lossYuan: 100, method: '点赞返利后垫付资金无法提现。', warning: '刷单返利都是诈骗。' }], advice: '不听不信不转账。',
    }), 'bulletin')
    await ok(await send(admin, 'POST', `/api/bulletins/${bulletin.id}/publish`, {}), 'publish')
    const warning = await ok(await send(admin, 'POST', '/api/warnings', {
      regionId: village.id, householdCode: null, residentName: `${tag}刘大爷`, phone: warningPhone, address: `${tag}东胜村12号`, fraudType: 'fake_police',
      riskLevel: 'high', source: 'bank', amountAtRisk: 1000, receivedAt: now.toISOString(), assigneeId: null,
    }), 'warning')
    const activity = await ok(await send(admin, 'POST', '/api/activities', {
      regionId: village.id, kind: 'market_day', title: `${tag}赶大集宣传`, place: `${tag}集市`, heldAt: now.toISOString(), organiser: '派出所', attendance: 10, targetGroups: [], materials: 0, summary: '',
    }), 'activity')
    const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)])
    const boundary = 'matrixboundary'
    const form = Buffer.concat(['photo', 'thumbnail'].flatMap((field) => [
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${field}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), jpeg(512), Buffer.from('\r\n'),
    ]).concat(Buffer.from(`--${boundary}--\r\n`)))
    const photo = await ok(await t.app.inject({ method: 'POST', url: `/api/activities/${activity.id}/photos`, headers: { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: form }), 'photo')
    const prize = await ok(await send(admin, 'POST', '/api/prizes', {
      regionId: tree.town.id, name: `${tag}折扇`, description: '', stock: 100, perUserLimit: 5, minScore: null, minStreak: null,
      validFrom: new Date(now.getTime() - 3600_000).toISOString(), validTo: new Date(now.getTime() + 86_400_000).toISOString(), pickupPlace: '派出所',
    }), 'prize')
    const claim = await ok(await send(resident, 'POST', `/api/prizes/${prize.id}/claims`), 'claim')
    // Used up by its own invitee at once: accepting a code is by design open to whoever holds it, so an open one would
    // hand the matrix's callers roles in this county and blur every later row.
    const invitation = await ok(await send(admin, 'POST', '/api/invitations', { role: 'grid_worker', regionId: grid.id, maxUses: 1, expiresInHours: 24 }), 'invitation')
    await ok(await send(bearer(await token('resident', village.id)), 'POST', `/api/invitations/${invitation.code}/accept`), 'accept')
    const pledge = aPledgeInput(await currentTemplate(t.db), household.id as string, now)
    await ok(await send(worker, 'POST', '/api/pledges/batch', { pledges: [pledge] }), 'pledge')
    const records = {
      household: household.id as string, bulletin: bulletin.id as string, warning: warning.id as string, activity: activity.id as string,
      photo: photo.id as string, prize: prize.id as string, pledge: pledge.id, claimCode: claim.code as string, labelToken: label.token,
      staffUser: workerUser.id, invitationCode: invitation.code as string,
    }
    const { bulletin: _public, ...privateRecords } = records
    return { tree, records, secrets: [...Object.values(privateRecords), household.code as string, `${tag}李秀英`, `${tag}刘大爷`, `${tag}张网格`, householdPhone, warningPhone, `${tag}赶大集宣传`] }
  }

  it('when every documented route is called by every role with records of their own county and of another, then nothing of the other county leaks and every route is covered', async () => {
    await seedResidentContent(t.db)
    const own = await aCounty('甲', 1)
    const other = await aCounty('乙', 2)
    const callers: Record<string, Record<string, string>> = { anonymous: {} }
    const home = { admin: own.tree.town.id, cadre: own.tree.villages[0].id, grid_worker: own.tree.grids[0][0].id, dissuader: own.tree.villages[0].id, resident: own.tree.villages[0].id }
    for (const [role, regionId] of Object.entries(home)) callers[role] = bearer(await token(role as Role, regionId))

    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, { security?: Record<string, unknown>[]; parameters?: { in: string; name: string; required?: boolean; schema: Schema }[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>> }
    const leaks: string[] = []
    const otherIdentifiers = [...Object.values(other.records), other.tree.town.id, ...other.tree.villages.map((v) => v.id), ...other.tree.grids.flat().map((g) => g.id)]
    const uncovered = new Set<string>()
    const covered = new Map<string, number>()
    const accepted = new Set<string>()
    const random = prng(20261206)

    // Reads first, then writes, deletions last: a record deleted early would make later reads of it say nothing.
    const rank = (method: string) => ({ get: 0, delete: 2 } as Record<string, number>)[method] ?? 1
    const calls = Object.entries(doc.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, op]) => ({ path, method, op })))
      .sort((a, b) => rank(a.method) - rank(b.method))
    for (const { path, method, op } of calls) {
      const resource = Object.keys(RESOLVERS).find((prefix) => path === prefix || path.startsWith(`${prefix}/`))
      if (path.includes('{') && !resource) { uncovered.add(path); continue }
      const route = `${method.toUpperCase()} ${path}`
      const needsLogin = Boolean(op.security?.length) && !op.security!.some((s) => Object.keys(s).length === 0)
      for (const role of ROLES) {
        for (const scope of ['own', 'other'] as const) {
          const world = scope === 'own' ? own : other
          const source = resource ? RESOLVERS[resource] : 'none'
          const value = (name: string) => (name === 'photoId' && source !== 'photo') || source === 'none' ? '00000000-0000-4000-8000-000000000000'
            : source === 'fraudType' ? 'fake_police' : world.records[source]
          const regionIds = [world.tree.town.id, ...world.tree.villages.map((v) => v.id), ...world.tree.grids.flat().map((g) => g.id)]
          const fuzz = new SchemaFuzzer(random, { uuids: Object.values(world.records), regionIds, codes: ['fake_police'], now: t.now() })
          let url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(value(name)))
          const query = new URLSearchParams()
          for (const p of op.parameters?.filter((x) => x.in === 'query') ?? []) {
            const v = /regionId|villageId|gridId|rootId/.test(p.name) ? world.tree.villages[0].id : fuzz.valid(p.schema)
            if (p.required || /regionId|villageId|householdId/.test(p.name)) query.append(p.name, String(p.name === 'householdId' ? world.records.household : v))
          }
          if ([...query].length) url += `?${query}`
          const schema = op.requestBody?.content?.['application/json']?.schema
          const payload = schema ? fuzz.valid(schema) : undefined
          // Logging out revokes the token it is sent with: it gets a token of its own.
          const headers = path === '/api/auth/logout' && role !== 'anonymous' ? bearer(await token(role, home[role])) : callers[role]
          const res = await t.app.inject({ method: method.toUpperCase() as InjectOptions['method'], url, headers, ...(payload !== undefined && { payload: payload as object }) })
          if (scope === 'own' && res.statusCode === 200) accepted.add(`${role} ${route}`)
          covered.set(route, (covered.get(route) ?? 0) + 1)
          const label = `${role} ${route} [${scope}] → ${res.statusCode}`
          if (process.env.MATRIX_TRACE && route.includes(process.env.MATRIX_TRACE)) console.log(label, url, res.body.slice(0, 800))
          const sentText = `${url} ${payload === undefined ? '' : JSON.stringify(payload)}`
          const namesOther = otherIdentifiers.some((id) => sentText.includes(id))
          if (namesOther && needsLogin && res.statusCode < 300 && !CROSS_COUNTY_BY_DESIGN[route] && !noItemStored(res)) {
            leaks.push(`${label}: accepted another county's record`)
          }
          const body = res.rawPayload.toString('utf8')
          // A refusal may quote what the caller sent; only what the caller did not send can leak.
          const seen = other.secrets.filter((secret) => body.includes(secret) && !sentText.includes(secret))
          if (seen.length) leaks.push(`${label}: answer carries ${seen.join(', ')}`)
        }
      }
    }

    expect([...uncovered]).toEqual([])
    expect(leaks).toEqual([])
    const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0)
    expect(covered.size).toBe(operations)
    expect([...covered.values()].every((n) => n === ROLES.length * 2)).toBe(true)
    // The matrix reached the handlers: the callers' own records were served to those entitled to them.
    const expected = [
      'admin GET /api/households/{id}', 'grid_worker GET /api/households/{id}', 'admin GET /api/warnings/{id}', 'admin GET /api/activities/{id}',
      'admin GET /api/pledges/{id}/svg', 'admin GET /api/prize-claims/{code}', 'admin GET /api/activity-photos/{photoId}', 'grid_worker GET /api/doors/{token}',
      'admin GET /api/users/{id}', 'admin GET /api/invitations',
    ]
    expect(expected.filter((r) => !accepted.has(r))).toEqual([])
    expect([...accepted]).toEqual(expect.arrayContaining([
      'admin GET /api/households/{id}', 'grid_worker GET /api/households/{id}', 'admin GET /api/warnings/{id}', 'admin GET /api/activities/{id}',
      'admin GET /api/pledges/{id}/svg', 'admin GET /api/prize-claims/{code}', 'admin GET /api/activity-photos/{photoId}', 'grid_worker GET /api/doors/{token}',
    ]))
  }, 300_000)
})
