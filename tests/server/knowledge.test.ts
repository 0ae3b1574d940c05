import type { Kysely } from 'kysely'
import type { BulletinCase } from '@/core/bulletins'
import type { FraudTypeKey } from '@/core/fraud-types'
import { checkArticleInput, KNOWLEDGE_FRAUD_TYPES } from '@/core/knowledge'
import { countyIdOf } from '@/core/regions'
import type { FraudTypeArticle, FraudTypeArticleInput, FraudTypeCard } from '@/contract/knowledge'
import type { Role } from '@/core/roles'
import type { DB } from '../../server/src/db/schema'
import { KNOWLEDGE_ARTICLES } from '../../server/src/content/knowledge-articles'
import { seedResidentContent } from '../../server/src/content/resident-content'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const aCase = (fraudType: FraudTypeKey): BulletinCase => ({
  fraudType, victimProfile: '某村 62岁 女性', lossYuan: 3000, method: '受害人被骗转账。', warning: '不转账。',
})

/** A bulletin written straight into the tables, with its versions' cases: the knowledge page only reads them. */
async function aBulletin(
  db: Kysely<DB>,
  opts: { regionId: string; createdBy: string; date: string; versions: FraudTypeKey[][]; publishedAt?: Date | null; retractedAt?: Date | null },
): Promise<{ id: string }> {
  const region = await db.selectFrom('regions').select('path').where('id', '=', opts.regionId).executeTakeFirstOrThrow()
  const row = await db.insertInto('bulletins').values({
    county_id: countyIdOf(region.path), region_id: opts.regionId, bulletin_date: opts.date, created_by: opts.createdBy,
    current_version: opts.versions.length,
    published_at: opts.publishedAt === undefined ? new Date(Date.now() - 3600_000) : opts.publishedAt, retracted_at: opts.retractedAt ?? null,
  }).returning('id').executeTakeFirstOrThrow()
  for (const [i, types] of opts.versions.entries()) {
    await db.insertInto('bulletin_versions').values({
      bulletin_id: row.id, version: i + 1, title: `${opts.date} 警情通报`, advice: '不听不信不转账', edited_by: opts.createdBy,
      cases: JSON.stringify(types.map(aCase)),
    }).execute()
  }
  return { id: row.id }
}

describe('the shipped knowledge library', () => {
  it.each(KNOWLEDGE_FRAUD_TYPES.map((t) => [t.name, t.key] as const))('when the article on %s is checked, then it passes the rules and has 3–5 signs, 2–4 scripts, 3–5 tips', (_name, key) => {
    const article = KNOWLEDGE_ARTICLES[key]
    expect(checkArticleInput(article)).toEqual([])
    expect(article.signs.length).toBeGreaterThanOrEqual(3)
    expect(article.signs.length).toBeLessThanOrEqual(5)
    expect(article.scripts.length).toBeGreaterThanOrEqual(2)
    expect(article.scripts.length).toBeLessThanOrEqual(4)
    expect(article.advice.length).toBeGreaterThanOrEqual(3)
    expect(article.advice.length).toBeLessThanOrEqual(5)
    expect(article.scripts.every((s) => s.startsWith('“') && s.endsWith('”'))).toBe(true)
  })
})

describe.each(ENGINES)('knowledge library on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  beforeEach(async () => {
    t = await startTestApp(engine)
    tree = await aRegionTree(t.db)
  })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  const send = (method: 'GET' | 'PUT', url: string, token?: string, payload?: object) =>
    t.app.inject({ method, url, ...(token && { headers: bearer(token) }), ...(payload && { payload }) })
  const anInput = (overrides: Partial<FraudTypeArticleInput> = {}): FraudTypeArticleInput => ({
    summary: '  新的简介。 ', signs: ['要点一', '要点二'], scripts: ['“话术一”'], advice: ['提示一'], ...overrides,
  })

  it('when the content is seeded, then anyone can list the twelve types in the usual order with a short cache', async () => {
    expect(await seedResidentContent(t.db)).toEqual({ articles: 12, questions: expect.any(Number) })
    const res = await send('GET', '/api/public/knowledge')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=60')
    const cards: FraudTypeCard[] = res.json()
    expect(cards.map((c) => c.fraudType)).toEqual(KNOWLEDGE_FRAUD_TYPES.map((t) => t.key))
    expect(cards[0]).toEqual({ fraudType: 'rebate_task', name: '刷单返利', summary: KNOWLEDGE_ARTICLES.rebate_task.summary })
  })

  it('when the content is seeded twice, then nothing is doubled and an edited article is kept', async () => {
    await seedResidentContent(t.db)
    await send('PUT', '/api/knowledge/fake_police', await tokenFor('admin', tree.town.id), anInput())
    expect(await seedResidentContent(t.db)).toEqual({ articles: 0, questions: 0 })
    expect((await t.db.selectFrom('fraud_type_articles').select('fraud_type').execute())).toHaveLength(12)
    expect((await send('GET', '/api/public/knowledge/fake_police')).json().summary).toBe('新的简介。')
  })

  it('when an article is opened, then its text comes with the newest 5 published bulletins that have such a case', async () => {
    await seedResidentContent(t.db)
    const author = await aUser(t.db)
    const on = (date: string, versions: FraudTypeKey[][], extra: { publishedAt?: Date | null; retractedAt?: Date | null } = {}) =>
      aBulletin(t.db, { regionId: tree.town.id, createdBy: author.id, date, versions, ...extra })
    const dated = []
    for (const day of ['01', '02', '03', '04', '05', '06']) dated.push(await on(`2026-03-${day}`, [['fake_loan', 'fake_police']]))
    await on('2026-03-20', [['fake_police']], { retractedAt: new Date() })
    await on('2026-03-21', [['fake_police']], { publishedAt: null })
    await on('2026-03-22', [['fake_police']], { publishedAt: new Date(Date.now() + 3600_000) })
    await on('2026-03-23', [['fake_police'], ['rebate_task']])
    await on('2026-03-24', [['rebate_task']])

    const res = await send('GET', '/api/public/knowledge/fake_police')
    expect(res.statusCode).toBe(200)
    const article: FraudTypeArticle = res.json()
    expect(article).toMatchObject({ ...KNOWLEDGE_ARTICLES.fake_police, fraudType: 'fake_police', name: '冒充公检法', updatedAt: expect.any(String) })
    expect(article.relatedBulletins).toEqual(dated.slice(1).reverse().map((b, i) => ({
      id: b.id, title: `2026-03-0${6 - i} 警情通报`, bulletinDate: `2026-03-0${6 - i}`,
    })))
  })

  it.each([['other'], ['lottery']])('when the type %s is asked for, then 404 in Chinese', async (fraudType) => {
    await seedResidentContent(t.db)
    const res = await send('GET', `/api/public/knowledge/${fraudType}`)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'KNOWLEDGE_NOT_FOUND', message: '找不到该类诈骗的介绍' })
  })

  it('when an admin edits an article, then residents read the trimmed text and the edit is audited', async () => {
    await seedResidentContent(t.db)
    const admin = await aUser(t.db, { roles: [{ role: 'admin', regionId: tree.town.id }] })
    const res = await send('PUT', '/api/knowledge/fake_police', await signIn(t, admin.id), anInput())
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ summary: '新的简介。', signs: ['要点一', '要点二'], updatedAt: t.now().toISOString(), relatedBulletins: [] })
    expect((await send('GET', '/api/public/knowledge/fake_police')).json()).toMatchObject({ summary: '新的简介。', scripts: ['“话术一”'], advice: ['提示一'] })
    const audit = await t.db.selectFrom('audit_log').selectAll().execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'knowledge.write', actor_id: admin.id, target_id: 'fake_police', county_id: tree.county.id })])
  })

  it('when an admin writes a type that has no article yet, then it is created', async () => {
    const res = await send('PUT', '/api/knowledge/romance', await tokenFor('admin', tree.county.id), anInput())
    expect(res.statusCode).toBe(200)
    expect((await send('GET', '/api/public/knowledge')).json()).toEqual([{ fraudType: 'romance', name: '网络交友婚恋(杀猪盘)', summary: '新的简介。' }])
  })

  it('when a list is empty or an item blank, then 400 with a Chinese message and the article is unchanged', async () => {
    await seedResidentContent(t.db)
    const token = await tokenFor('admin', tree.town.id)
    const res = await send('PUT', '/api/knowledge/fake_police', token, anInput({ signs: [], advice: ['提示', ' '] }))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'KNOWLEDGE_INVALID', message: '请至少填写一条识别要点；请填写第 2 条防范提示' })
    expect((await send('GET', '/api/public/knowledge/fake_police')).json().summary).toBe(KNOWLEDGE_ARTICLES.fake_police.summary)
  })

  it('when the body misses a part, then 400 and nothing is written', async () => {
    const res = await send('PUT', '/api/knowledge/fake_police', await tokenFor('admin', tree.town.id), { summary: '简介' })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
    expect(await t.db.selectFrom('fraud_type_articles').selectAll().execute()).toEqual([])
  })

  it('when the type is other, then it cannot be written', async () => {
    const res = await send('PUT', '/api/knowledge/other', await tokenFor('admin', tree.town.id), anInput())
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('KNOWLEDGE_NOT_FOUND')
  })

  it.each([['cadre'], ['grid_worker'], ['resident']] as const)('when a %s edits an article, then 403', async (role) => {
    const res = await send('PUT', '/api/knowledge/fake_police', await tokenFor(role, tree.villages[0].id), anInput())
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
  })

  it('when nobody is signed in, then editing is 401', async () => {
    const res = await send('PUT', '/api/knowledge/fake_police', undefined, anInput())
    expect(res.statusCode).toBe(401)
  })
})
