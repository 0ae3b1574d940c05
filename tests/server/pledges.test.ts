import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { PledgeInput } from '@/contract/pledges'
import type { SyncBatchResult } from '@/contract/common'
import type { Role } from '@/core/roles'
import { sha256Hex } from '@/core/sha256'
import { encodeStrokes } from '@/core/strokes'
import { aHousehold, aRegionTree, aUser, bearer, signIn } from './helpers/factories'
import { aPledgeInput, currentTemplate } from './helpers/pledge-factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

describe.each(ENGINES)('pledges: signing and the village chain on %s', (engine) => {
  let t: TestApp
  beforeEach(async () => { t = await startTestApp(engine) })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) =>
    signIn(t, (await aUser(t.db, { displayName: '李网格', roles: [{ role, regionId }] })).id)
  const upload = (token: string, pledges: PledgeInput[]) =>
    t.app.inject({ method: 'POST', url: '/api/pledges/batch', headers: bearer(token), payload: { pledges } })
  const verify = async (villageId: string) => {
    const token = await tokenFor('cadre', villageId)
    return t.app.inject({ method: 'GET', url: `/api/pledges/verify?villageId=${villageId}`, headers: bearer(token) })
  }
  const statuses = (res: { json(): unknown }) => (res.json() as SyncBatchResult).items.map((i) => [i.status, i.code ?? null])

  /** A grid worker of the first village's first grid with one household there, and the current template. */
  async function aWorkerAtADoor() {
    const tree = await aRegionTree(t.db)
    const household = await aHousehold(t.db, { regionId: tree.grids[0][0].id })
    const token = await tokenFor('grid_worker', tree.grids[0][0].id)
    return { tree, household, token, template: await currentTemplate(t.db) }
  }

  it('when the template is fetched, then it is version 1 and its sha256 is that of the body\'s UTF-8 bytes', async () => {
    const { token } = await aWorkerAtADoor()
    const res = await t.app.inject({ method: 'GET', url: '/api/pledges/template', headers: bearer(token) })
    expect(res.statusCode).toBe(200)
    const template = res.json()
    expect(template).toMatchObject({ version: 1, title: '反诈承诺书' })
    expect(template.body).toContain('96110')
    expect(template.sha256).toBe(createHash('sha256').update(Buffer.from(template.body, 'utf8')).digest('hex'))
    expect(template.sha256).toBe(sha256Hex(template.body))
  })

  it('when a worker uploads a signed pledge, then it is stored as seq 1 on genesis, the household counts as pledged and the chain verifies', async () => {
    const { tree, household, token, template } = await aWorkerAtADoor()
    const pledge = aPledgeInput(template, household.id, t.now())
    const res = await upload(token, [pledge])
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ items: [{ id: pledge.id, status: 'stored' }] })
    const row = await t.db.selectFrom('pledges').selectAll().where('id', '=', pledge.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ village_id: tree.villages[0].id, chain_seq: 1, prev_hash: '0'.repeat(64), signer_name: '王秀英' })
    const stored = await t.db.selectFrom('households').select('pledged_at').where('id', '=', household.id).executeTakeFirstOrThrow()
    expect(stored.pledged_at?.toISOString()).toBe(pledge.signedAt)
    const coverage = await t.db.selectFrom('grid_coverage').select('pledged').where('grid_id', '=', tree.grids[0][0].id).executeTakeFirstOrThrow()
    expect(coverage.pledged).toBe(1)
    expect((await verify(tree.villages[0].id)).json()).toEqual({ villageId: tree.villages[0].id, checked: 1, ok: true, problems: [] })
  })

  it('when the same batch is sent again, then every item is a duplicate and nothing more is stored', async () => {
    const { household, token, template } = await aWorkerAtADoor()
    const batch = [aPledgeInput(template, household.id, t.now()), aPledgeInput(template, household.id, t.now())]
    expect(statuses(await upload(token, batch))).toEqual([['stored', null], ['stored', null]])
    expect(statuses(await upload(token, batch))).toEqual([['duplicate', null], ['duplicate', null]])
    expect(statuses(await upload(token, [batch[0], batch[0]]))).toEqual([['duplicate', null], ['duplicate', null]])
    const { n } = await t.db.selectFrom('pledges').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    expect(n).toBe(2)
  })

  it('when the same new pledge comes twice in one batch, then it is stored once and the second is a duplicate', async () => {
    const { household, token, template } = await aWorkerAtADoor()
    const pledge = aPledgeInput(template, household.id, t.now())
    expect(statuses(await upload(token, [pledge, pledge]))).toEqual([['stored', null], ['duplicate', null]])
    const head = await t.db.selectFrom('pledge_chain_heads').select('last_seq').executeTakeFirstOrThrow()
    expect(head.last_seq).toBe(1)
  })

  it('when the same new pledge is uploaded five times at once, then it is stored once and the others are duplicates', async () => {
    const { household, token, template } = await aWorkerAtADoor()
    const pledge = aPledgeInput(template, household.id, t.now())
    const results = await Promise.all(Array.from({ length: 5 }, () => upload(token, [pledge])))
    expect(results.map((r) => statuses(r)[0][0]).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'stored'])
    const head = await t.db.selectFrom('pledge_chain_heads').select('last_seq').executeTakeFirstOrThrow()
    expect(head.last_seq).toBe(1)
  })

  it('when one stored pledge is changed in SQL, then verification names exactly that record as altered', async () => {
    const { tree, household, token, template } = await aWorkerAtADoor()
    const batch = [1, 2, 3].map(() => aPledgeInput(template, household.id, t.now()))
    await upload(token, batch)
    await t.db.updateTable('pledges').set({ signer_name: '李四' }).where('id', '=', batch[1].id).execute()
    const result = (await verify(tree.villages[0].id)).json()
    expect(result).toMatchObject({ checked: 3, ok: false })
    expect(result.problems).toEqual([{ seq: 2, pledgeId: batch[1].id, kind: 'altered', message: expect.stringContaining('第 2 份') }])
  })

  it('when one stored pledge is deleted in SQL, then verification names its seq as missing', async () => {
    const { tree, household, token, template } = await aWorkerAtADoor()
    const batch = [1, 2, 3].map(() => aPledgeInput(template, household.id, t.now()))
    await upload(token, batch)
    await t.db.deleteFrom('pledges').where('id', '=', batch[1].id).execute()
    const result = (await verify(tree.villages[0].id)).json()
    expect(result).toMatchObject({ checked: 2, ok: false })
    expect(result.problems).toEqual([{ seq: 2, pledgeId: null, kind: 'missing', message: '第 2 份承诺书缺失' }])
  })

  it('when 50 pledges of one village arrive at once, then they take seqs 1 to 50 without gaps and the chain verifies', async () => {
    const { tree, template } = await aWorkerAtADoor()
    const token = await tokenFor('cadre', tree.villages[0].id)
    const households = [
      await aHousehold(t.db, { regionId: tree.grids[0][0].id }),
      await aHousehold(t.db, { regionId: tree.grids[0][1].id }),
    ]
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      upload(token, [aPledgeInput(template, households[i % 2].id, t.now())])))
    expect(results.map((r) => statuses(r)[0][0])).toEqual(Array(50).fill('stored'))
    const seqs = await t.db.selectFrom('pledges').select('chain_seq').where('village_id', '=', tree.villages[0].id).orderBy('chain_seq').execute()
    expect(seqs.map((s) => s.chain_seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    expect((await verify(tree.villages[0].id)).json()).toMatchObject({ checked: 50, ok: true, problems: [] })
  })

  it('when two villages sign, then each has its own chain starting at seq 1', async () => {
    const { tree, household, template } = await aWorkerAtADoor()
    const other = await aHousehold(t.db, { regionId: tree.grids[1][0].id })
    const token = await tokenFor('admin', tree.county.id)
    await upload(token, [aPledgeInput(template, household.id, t.now()), aPledgeInput(template, other.id, t.now())])
    const rows = await t.db.selectFrom('pledges').select(['village_id', 'chain_seq']).orderBy('village_id').execute()
    expect(rows).toEqual([{ village_id: tree.villages[0].id, chain_seq: 1 }, { village_id: tree.villages[1].id, chain_seq: 1 }])
  })

  it('when half of a batch is invalid, then the valid half is stored and each invalid item is named with a Chinese reason', async () => {
    const { tree, household, token, template } = await aWorkerAtADoor()
    const otherGrid = await aHousehold(t.db, { regionId: tree.grids[0][1].id })
    const now = t.now()
    const batch = [
      aPledgeInput(template, household.id, now),
      aPledgeInput(template, household.id, now, { strokes: encodeStrokes([]) }),
      aPledgeInput(template, household.id, now),
      aPledgeInput(template, household.id, now, { strokes: encodeStrokes([[{ x: 500, y: 500 }]]) }),
      aPledgeInput(template, household.id, now, { templateVersion: 99 }),
      aPledgeInput(template, household.id, now, { templateSha256: 'f'.repeat(64) }),
      aPledgeInput(template, otherGrid.id, now),
      aPledgeInput(template, household.id, now, { signerName: '  ' }),
      aPledgeInput(template, household.id, now, { signerRelation: '' }),
      aPledgeInput(template, '00000000-0000-4000-8000-000000000000', now),
      aPledgeInput(template, household.id, now, { strokes: 'not strokes' }),
      aPledgeInput(template, household.id, now, { signedAt: 'yesterday' }),
    ]
    const res = await upload(token, batch)
    expect(res.statusCode).toBe(200)
    expect(statuses(res)).toEqual([
      ['stored', null],
      ['rejected', 'SIGNATURE_EMPTY'],
      ['stored', null],
      ['rejected', 'SIGNATURE_DOT'],
      ['rejected', 'PLEDGE_TEMPLATE_OUTDATED'],
      ['rejected', 'PLEDGE_TEMPLATE_OUTDATED'],
      ['rejected', 'PLEDGE_OUT_OF_SCOPE'],
      ['rejected', 'PLEDGE_SIGNER_MISSING'],
      ['rejected', 'PLEDGE_SIGNER_MISSING'],
      ['rejected', 'PLEDGE_HOUSEHOLD_UNKNOWN'],
      ['rejected', 'SIGNATURE_MALFORMED'],
      ['rejected', 'PLEDGE_TIME_INVALID'],
    ])
    const items = (res.json() as SyncBatchResult).items
    expect(items[5].message).toBe('承诺书版本已更新，请重新签署')
    for (const item of items.filter((i) => i.status === 'rejected')) expect(item.message).toMatch(/[\u4e00-\u9fff]/)
    const stored = await t.db.selectFrom('pledges').select(['id', 'chain_seq']).orderBy('chain_seq').execute()
    expect(stored).toEqual([{ id: batch[0].id, chain_seq: 1 }, { id: batch[2].id, chain_seq: 2 }])
  })

  it('when a batch holds more than 50 pledges, then it is refused whole with 400', async () => {
    const { household, token, template } = await aWorkerAtADoor()
    const res = await upload(token, Array.from({ length: 51 }, () => aPledgeInput(template, household.id, t.now())))
    expect(res.statusCode).toBe(400)
  })

  it('when a dissuader uploads pledges, then 403 FORBIDDEN', async () => {
    const { tree, household, template } = await aWorkerAtADoor()
    const token = await tokenFor('dissuader', tree.grids[0][0].id)
    const res = await upload(token, [aPledgeInput(template, household.id, t.now())])
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
  })

  it('when a grid worker asks to verify a chain, then 403; a cadre of another village, then 403 OUT_OF_SCOPE', async () => {
    const { tree, token } = await aWorkerAtADoor()
    const byWorker = await t.app.inject({ method: 'GET', url: `/api/pledges/verify?villageId=${tree.villages[0].id}`, headers: bearer(token) })
    expect(byWorker.statusCode).toBe(403)
    const cadre = await tokenFor('cadre', tree.villages[1].id)
    const byOther = await t.app.inject({ method: 'GET', url: `/api/pledges/verify?villageId=${tree.villages[0].id}`, headers: bearer(cadre) })
    expect(byOther.statusCode).toBe(403)
    expect(byOther.json().code).toBe('OUT_OF_SCOPE')
  })
})
