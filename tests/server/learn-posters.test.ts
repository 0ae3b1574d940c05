import QRCode from 'qrcode'
import { KNOWLEDGE_FRAUD_TYPES } from '@/core/knowledge'
import type { LearnPosterSheet } from '@/contract/knowledge'
import type { Role } from '@/core/roles'
import { POSTER_QR_OPTIONS } from '../../server/src/modules/knowledge/posters'
import { KNOWLEDGE_ARTICLES } from '../../server/src/content/knowledge-articles'
import { seedResidentContent } from '../../server/src/content/resident-content'
import { aRegionTree, aUser, bearer, signIn, type RegionTree } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const BASE = 'https://fz.example.cn'

describe.each(ENGINES)('扫码学习 posters on %s', (engine) => {
  let t: TestApp
  let tree: RegionTree
  beforeEach(async () => {
    t = await startTestApp(engine, { publicBaseUrl: BASE })
    tree = await aRegionTree(t.db)
  })
  afterEach(async () => { await t.close() })

  const tokenFor = async (role: Role, regionId: string) => signIn(t, (await aUser(t.db, { roles: [{ role, regionId }] })).id)
  const posters = (query: string, token?: string) =>
    t.app.inject({ method: 'GET', url: `/api/knowledge/posters${query}`, ...(token && { headers: bearer(token) }) })

  it('when a grid worker asks for two types, then each poster has the name, summary, first 3 tips and a QR of its /k address', async () => {
    await seedResidentContent(t.db)
    const token = await tokenFor('grid_worker', tree.grids[0][0].id)

    const res = await posters('?fraudTypes=fake_police,rebate_task', token)

    expect(res.statusCode).toBe(200)
    const sheet: LearnPosterSheet = res.json()
    expect(sheet).toMatchObject({ station: '柏林派出所', hotline: '96110', caption: '扫码学习' })
    expect(sheet.posters.map((p) => p.fraudType)).toEqual(['rebate_task', 'fake_police'])
    const [first] = sheet.posters
    expect(first).toMatchObject({
      kind: 'fraud_type', title: '刷单返利', summary: KNOWLEDGE_ARTICLES.rebate_task.summary,
      tips: KNOWLEDGE_ARTICLES.rebate_task.advice.slice(0, 3), url: `${BASE}/k/rebate_task`,
    })
    expect(first.qrSvg).toBe(await QRCode.toString(`${BASE}/k/rebate_task`, POSTER_QR_OPTIONS))
  })

  it('when the learning path is asked for alone, then one poster lists every type in order, then the daily quiz, with a QR of /k', async () => {
    await seedResidentContent(t.db)
    const token = await tokenFor('cadre', tree.villages[0].id)

    const res = await posters('?path=true', token)

    expect(res.statusCode).toBe(200)
    const [path, ...rest] = (res.json() as LearnPosterSheet).posters
    expect(rest).toEqual([])
    expect(path).toMatchObject({ kind: 'path', fraudType: null, title: '学习路径', url: `${BASE}/k` })
    expect(path.tips.slice(0, -1)).toEqual(KNOWLEDGE_FRAUD_TYPES.map((type) => type.name))
    expect(path.tips.at(-1)).toContain('每日答题')
    expect(path.qrSvg).toBe(await QRCode.toString(`${BASE}/k`, POSTER_QR_OPTIONS))
  })

  it('when an unknown fraud type is asked for, then it is refused with the knowledge-not-found message', async () => {
    await seedResidentContent(t.db)
    const token = await tokenFor('admin', tree.town.id)

    const res = await posters('?fraudTypes=rebate_task,lottery', token)

    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'KNOWLEDGE_NOT_FOUND', message: '找不到该类诈骗的介绍' })
  })

  it('when a type has no article yet, then it is refused with the knowledge-not-found message', async () => {
    const token = await tokenFor('admin', tree.town.id)

    const res = await posters('?fraudTypes=rebate_task', token)

    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'KNOWLEDGE_NOT_FOUND' })
  })

  it('when nothing is chosen, then it is a 400 with a Chinese message', async () => {
    const token = await tokenFor('admin', tree.town.id)

    const res = await posters('?fraudTypes=&path=false', token)

    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '请至少选择一种骗局或学习路径' })
  })

  it.each(['resident', 'dissuader'] as const)('when a %s asks for posters, then it is forbidden', async (role) => {
    await seedResidentContent(t.db)
    const token = await tokenFor(role, tree.villages[0].id)

    const res = await posters('?path=true', token)

    expect(res.statusCode).toBe(403)
  })

  it('when nobody is signed in, then posters are refused with 401', async () => {
    const res = await posters('?path=true')

    expect(res.statusCode).toBe(401)
  })

  it('when the printed address /k/<type> is opened, then it redirects to the H5 learn page on that type', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/k/fake_police' })

    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/#/pages/learn/index?type=fake_police')
  })

  it('when /k/ carries something that is not a fraud type, then it redirects to the learn page without it', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/k/${encodeURIComponent('<script>x</script>')}` })

    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/#/pages/learn/index')
  })

  it('when the learning-path address /k is opened, then it redirects to the H5 learn page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/k' })

    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/#/pages/learn/index')
  })
})
