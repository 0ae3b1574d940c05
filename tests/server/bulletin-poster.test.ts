import { mkdirSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import QRCode from 'qrcode'
import type { BulletinDetail } from '@/contract/bulletins'
import { type BulletinCase, type BulletinInput, bulletinTitleFor, chinaDateOf } from '@/core/bulletins'
import { countyIdOf, regionPath } from '@/core/regions'
import { PosterRenderer, SharedLruCache } from '../../server/src/modules/bulletins/poster'
import { escapeXml, POSTER_WIDTH, renderPosterSvg, wrapLine } from '../../server/src/modules/bulletins/poster-svg'
import { aUser, bearer, signIn } from './helpers/factories'
import { startTestApp, type TestApp } from './helpers/test-app'
import { ENGINES } from './helpers/test-db'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
/** Width and height from the IHDR chunk, which always follows the signature. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) })

const CASES: BulletinCase[] = [
  {
    fraudType: 'rebate_task',
    victimProfile: '柏林镇某村 45岁 女性 务农',
    lossYuan: 38600,
    method: '11月27日，受害人在短视频平台看到“在家动动手指、日赚300元”的兼职广告，添加对方QQ后被拉入“点赞返利”群。完成几单小额任务获得返利后，对方以“充值做联单任务”为由，诱导其先后 6 次转账，提现时被告知“操作失误、需继续充值解冻”，方知被骗。',
    warning: '刷单返利都是诈骗！凡是要求先垫付资金、做任务返佣金的“兼职”，一律不要相信。',
  },
  {
    fraudType: 'fake_police',
    victimProfile: '柏林社区 68岁 男性 退休职工',
    lossYuan: 0,
    method: '受害人接到自称“上海市公安局”民警的电话，称其身份证涉嫌洗钱案，要求下载会议软件共享屏幕。社区网格员接到预警后上门劝阻，成功阻止转账。',
    warning: '公检法机关不会通过电话、微信办案，更没有“安全账户”。',
  },
  {
    fraudType: 'fake_customer_service',
    victimProfile: '柏林镇某村 32岁 女性 个体经营者',
    lossYuan: 5200.5,
    method: '受害人接到自称“快递客服”的电话，称其快递丢失可双倍理赔，对方引导其开通“备用金”并转账 <测试 & 转义>。',
    warning: '“客服”主动来电退款、理赔的，请通过官方平台核实。',
  },
]

describe.each(ENGINES)('bulletin poster on %s', (engine) => {
  let t: TestApp
  let token: string
  let townId: string
  beforeEach(async () => {
    t = await startTestApp(engine, { publicBaseUrl: 'https://fz.example.cn' })
    const c = `7${String(parseInt(randomBytes(4).toString('hex'), 16)).slice(-5).padStart(5, '0')}`
    const countyPath = regionPath(null, c)
    townId = `${c}115`
    await t.db.insertInto('regions').values([
      { id: c, parent_id: null, level: 'county', name: '江津区', path: countyPath, county_id: countyIdOf(countyPath) },
      { id: townId, parent_id: c, level: 'town', name: '柏林镇', path: regionPath(countyPath, townId), county_id: c },
    ]).execute()
    token = await signIn(t, (await aUser(t.db, { displayName: '李警官', roles: [{ role: 'admin', regionId: townId }] })).id)
  })
  afterEach(async () => {
    jest.restoreAllMocks()
    await t.close()
  })

  const yesterday = () => chinaDateOf(new Date(t.now().getTime() - 24 * 3600_000))
  const anInput = (overrides: Partial<BulletinInput> = {}): BulletinInput => ({
    regionId: townId,
    bulletinDate: yesterday(),
    title: bulletinTitleFor(yesterday()),
    cases: CASES,
    advice: '警方提示：凡是刷单返利、网络投资、冒充客服退款、冒充公检法办案，要求转账汇款的都是诈骗。\n不听不信不转账，请安装“国家反诈中心”APP，接到 96110 来电请务必接听。',
    ...overrides,
  })
  async function aPublished(overrides: Partial<BulletinInput> = {}): Promise<BulletinDetail> {
    const draft = (await t.app.inject({ method: 'POST', url: '/api/bulletins', headers: bearer(token), payload: anInput(overrides) })).json()
    const res = await t.app.inject({ method: 'POST', url: `/api/bulletins/${draft.id}/publish`, headers: bearer(token), payload: {} })
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  const poster = (id: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/api/public/bulletins/${id}/poster.png`, headers })

  it('when a published bulletin\'s poster is fetched, then it is a PNG 1080 px wide with an ETag and a short cache', async () => {
    const bulletin = await aPublished()
    const res = await poster(bulletin.id)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['cache-control']).toBe('public, max-age=60')
    expect(res.headers.etag).toBe(`"${bulletin.id}.1"`)
    const png = res.rawPayload
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(pngSize(png).width).toBe(1080)
    if (engine === 'pglite') {
      mkdirSync('test-results', { recursive: true })
      writeFileSync('test-results/bulletin-poster.png', png)
    }
  })

  it('when the client already holds this version, then 304 with no body', async () => {
    const bulletin = await aPublished()
    const first = await poster(bulletin.id)
    const again = await poster(bulletin.id, { 'if-none-match': String(first.headers.etag) })
    expect(again.statusCode).toBe(304)
    expect(again.rawPayload.length).toBe(0)
  })

  it('when the bulletin is edited, then the poster has a new ETag and new content', async () => {
    const bulletin = await aPublished()
    const before = await poster(bulletin.id)
    const edit = await t.app.inject({
      method: 'PUT', url: `/api/bulletins/${bulletin.id}`, headers: bearer(token), payload: anInput({ cases: [{ ...CASES[0], lossYuan: 48600 }, CASES[1], CASES[2]] }),
    })
    expect(edit.json().version).toBe(2)
    const after = await poster(bulletin.id)
    expect(after.headers.etag).toBe(`"${bulletin.id}.2"`)
    expect(after.rawPayload.equals(before.rawPayload)).toBe(false)
  })

  it('when a bulletin has more cases, then its poster is taller', async () => {
    const one = await aPublished({ cases: [CASES[0]] })
    const three = await aPublished()
    const heightOf = async (id: string) => pngSize((await poster(id)).rawPayload).height
    expect(await heightOf(three.id)).toBeGreaterThan((await heightOf(one.id)) + 400)
  })

  it('when the same poster is asked for three times at once, then it is built once and all three get the same PNG', async () => {
    const bulletin = await aPublished()
    const qr = jest.spyOn(QRCode, 'toString')
    const results = await Promise.all([1, 2, 3].map(() => poster(bulletin.id)))
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200])
    expect(results[1].rawPayload.equals(results[0].rawPayload) && results[2].rawPayload.equals(results[0].rawPayload)).toBe(true)
    expect(qr).toHaveBeenCalledTimes(1)
    await poster(bulletin.id)
    expect(qr).toHaveBeenCalledTimes(1)
  })

  it('when a poster is rendered, then its QR code opens the H5 detail page of the bulletin', async () => {
    const bulletin = await aPublished()
    const qr = jest.spyOn(QRCode, 'toString')
    await poster(bulletin.id)
    expect(qr.mock.calls[0][0]).toBe(`https://fz.example.cn/pages/bulletin/index?id=${bulletin.id}`)
  })

  it('when the bulletin is retracted, then its poster is 410; a draft\'s is 404', async () => {
    const bulletin = await aPublished()
    await t.app.inject({ method: 'POST', url: `/api/bulletins/${bulletin.id}/retract`, headers: bearer(token), payload: { reason: '内容有误' } })
    const retracted = await poster(bulletin.id)
    expect([retracted.statusCode, retracted.json().code]).toEqual([410, 'BULLETIN_RETRACTED'])
    const draft = (await t.app.inject({ method: 'POST', url: '/api/bulletins', headers: bearer(token), payload: anInput() })).json()
    const unpublished = await poster(draft.id)
    expect([unpublished.statusCode, unpublished.json().code]).toEqual([404, 'BULLETIN_NOT_FOUND'])
  })
})

describe('poster layout', () => {
  const aPoster = (cases: BulletinCase[]) => renderPosterSvg({
    stationName: '柏林派出所', title: '通报', bulletinDate: '2026-11-28', cases, advice: '不听不信不转账', totalLossYuan: 0,
    qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><path d="M0 0h1v1H0z"/></svg>',
  })

  it('when a long Chinese line is wrapped, then no line is wider than allowed and none starts with closing punctuation', () => {
    const text = '受害人接到自称“公安局”的电话，称其涉嫌洗钱，要求下载会议软件、共享屏幕，并将资金转入所谓的“安全账户”，共计损失 12,800 元。'
    const lines = wrapLine(text, 10)
    expect(lines.join('')).toBe(text)
    expect(lines.length).toBeGreaterThan(5)
    for (const line of lines) {
      expect('，。、”；：'.includes(line[0])).toBe(false)
      const ems = [...line].reduce((sum, c) => sum + (c.charCodeAt(0) < 0x80 ? 0.5 : 1), 0)
      expect(ems).toBeLessThanOrEqual(11)
    }
  })

  it('when ASCII is wrapped, then two ASCII characters take the room of one Chinese character', () => {
    expect(wrapLine('a'.repeat(20), 5)).toEqual(['a'.repeat(10), 'a'.repeat(10)])
  })

  it('when a text holds markup, then it is escaped and the SVG stays one document', () => {
    expect(escapeXml('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;')
    const svg = aPoster([{ ...CASES[0], victimProfile: '</text></svg><svg>', method: 'a & b' }])
    expect(svg).toContain('&lt;/text&gt;&lt;/svg&gt;&lt;svg&gt;')
    expect(svg.match(/<\/svg>/g)).toHaveLength(2) // the QR code's and the poster's own
    expect(svg).toContain(`width="${POSTER_WIDTH}"`)
  })
})

describe('poster renderer', () => {
  it('when no CJK font file exists, then posters still render and the warning is logged once', async () => {
    const warn = jest.fn()
    const renderer = new PosterRenderer(warn, 5, ['/nonexistent/font.ttc'])
    const svg = async () => '<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="200"><text x="10" y="100">柏林派出所 96110</text></svg>'
    const pngs = [await renderer.png('a:1', svg), await renderer.png('b:1', svg)]
    for (const png of pngs) expect([png.subarray(0, 8), pngSize(png).width]).toEqual([PNG_SIGNATURE, 1080])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0][0]).toContain('没有找到中文字体')
  })
})

describe('shared LRU cache', () => {
  const deferred = () => {
    let resolve!: (v: string) => void
    const promise = new Promise<string>((r) => { resolve = r })
    return { promise, resolve }
  }

  it('when a key is asked for while it is being made, then the same promise is shared and it is made once', async () => {
    const cache = new SharedLruCache<string>(2)
    const pending = deferred()
    const make = jest.fn(() => pending.promise)
    const first = cache.getOrCreate('a', make)
    const second = cache.getOrCreate('a', make)
    pending.resolve('A')
    expect(await Promise.all([first, second])).toEqual(['A', 'A'])
    expect(make).toHaveBeenCalledTimes(1)
  })

  it('when more keys than the capacity are made, then the least recently used one is dropped', async () => {
    const cache = new SharedLruCache<string>(2)
    await cache.getOrCreate('a', async () => 'A')
    await cache.getOrCreate('b', async () => 'B')
    expect(await cache.getOrCreate('a', async () => 'made again')).toBe('A')
    await cache.getOrCreate('c', async () => 'C')
    expect(await cache.getOrCreate('a', async () => 'made again')).toBe('A')
    expect(await cache.getOrCreate('c', async () => 'made again')).toBe('C')
    expect(await cache.getOrCreate('b', async () => 'made again')).toBe('made again')
  })

  it('when making fails, then nothing is kept and the next call tries again', async () => {
    const cache = new SharedLruCache<string>(2)
    await expect(cache.getOrCreate('a', async () => { throw new Error('render failed') })).rejects.toThrow('render failed')
    expect(await cache.getOrCreate('a', async () => 'A')).toBe('A')
  })
})
