import type { BulletinCase, BulletinInput, BulletinStatus } from '@/core/bulletins'
import {
  bulletinStatus, bulletinTitleFor, CASE_HINTS, caseOrdinal, checkBulletinInput, chinaDateOf, defaultBulletinInput, formatYuan, isCalendarDate,
  isValidLoss, looksLikePlaceholder, normaliseBulletinInput, planEdit, planPublish, planRetract, publicVisibility, sameDayBulletins,
  STANDARD_ADVICE, STANDARD_WARNINGS, stationNameOf, templateTextProblems, totalLossYuan,
} from '@/core/bulletins'

const NOW = new Date('2026-11-29T02:00:00Z') // 10:00 in China
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000)

const aCase = (overrides: Partial<BulletinCase> = {}): BulletinCase => ({
  fraudType: 'rebate_task',
  victimProfile: '江津区某镇 45岁 女性 务农',
  lossYuan: 12800,
  method: '受害人被拉入刷单群，垫付资金后无法提现。',
  warning: '刷单返利都是诈骗。',
  ...overrides,
})
const anInput = (overrides: Partial<BulletinInput> = {}): BulletinInput => ({
  regionId: '500116115',
  bulletinDate: '2026-11-28',
  title: '11月28日 电信网络诈骗警情通报',
  cases: [aCase()],
  advice: '不听不信不转账。',
  ...overrides,
})
const codesOf = (input: BulletinInput) => checkBulletinInput(input, NOW).map((p) => [p.code, p.field])

describe('checking a bulletin', () => {
  it('when every field is filled in, then there is no problem', () => {
    expect(checkBulletinInput(anInput(), NOW)).toEqual([])
  })

  it('when there is no case, then it is BULLETIN_NO_CASES', () => {
    expect(codesOf(anInput({ cases: [] }))).toEqual([['BULLETIN_NO_CASES', 'cases']])
  })

  it('when a loss is negative, then the second case is named in Chinese', () => {
    const problems = checkBulletinInput(anInput({ cases: [aCase(), aCase({ lossYuan: -1 })] }), NOW)
    expect(problems).toEqual([{ code: 'BULLETIN_INVALID', field: 'cases.1.lossYuan', message: '第 2 个案例的损失金额应为不小于 0 的金额，最多两位小数' }])
  })

  it.each([[0, true], [12800, true], [0.3, true], [1234.56, true], [1234.567, false], [-0.01, false], [Number.NaN, false], [Infinity, false]])(
    'when the loss is %s yuan, then isValidLoss is %s',
    (loss, expected) => {
      expect(isValidLoss(loss)).toBe(expected)
    },
  )

  it('when the fraud type is not one of the known keys, then it is refused', () => {
    expect(codesOf(anInput({ cases: [aCase({ fraudType: 'lottery' as never })] }))).toEqual([['BULLETIN_INVALID', 'cases.0.fraudType']])
  })

  it('when texts are blank, then each is named', () => {
    const input = anInput({ title: '  ', advice: '', cases: [aCase({ method: ' ', warning: '', victimProfile: '' })] })
    expect(codesOf(input).map(([, field]) => field)).toEqual(['title', 'cases.0.victimProfile', 'cases.0.method', 'cases.0.warning', 'advice'])
  })

  it.each([['2026-02-30'], ['2026-11-5'], ['昨天']])('when the date is %s, then it is not a date', (bulletinDate) => {
    expect(codesOf(anInput({ bulletinDate }))).toEqual([['BULLETIN_INVALID', 'bulletinDate']])
  })

  it('when the date is tomorrow in China, then it is refused, and today is accepted', () => {
    expect(codesOf(anInput({ bulletinDate: '2026-11-30' }))).toEqual([['BULLETIN_INVALID', 'bulletinDate']])
    expect(codesOf(anInput({ bulletinDate: '2026-11-29' }))).toEqual([])
  })

  it('when a text is padded with blanks, then it is stored trimmed', () => {
    const normalised = normaliseBulletinInput(anInput({ title: ' 通报 ', cases: [aCase({ method: ' 经过 ' })] }))
    expect(normalised.title).toBe('通报')
    expect(normalised.cases[0].method).toBe('经过')
  })
})

describe('dates and money', () => {
  it('when it is 01:00 in China but still the previous day in UTC, then the China date is the new day', () => {
    expect(chinaDateOf(new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29')
  })

  it('when a date is checked, then only real calendar days pass', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2026-02-29')).toBe(false)
  })

  it('when losses are summed, then fen add up exactly', () => {
    expect(totalLossYuan([{ lossYuan: 0.1 }, { lossYuan: 0.2 }])).toBe(0.3)
    expect(totalLossYuan([])).toBe(0)
  })

  it('when a loss is formatted, then thousands are separated and fen shown only when there are some', () => {
    expect(formatYuan(58000)).toBe('58,000元')
    expect(formatYuan(1234.5)).toBe('1,234.50元')
    expect(formatYuan(0)).toBe('0元')
  })

  it('when cases are numbered, then they read 第一起 … 第十一起', () => {
    expect([0, 9, 10].map(caseOrdinal)).toEqual(['第一起', '第十起', '第十一起'])
  })
})

describe('status and visibility', () => {
  it.each([
    [null, null, 'draft'],
    [minutes(-1), null, 'published'],
    [minutes(0), null, 'published'],
    [minutes(30), null, 'scheduled'],
    [minutes(-60), minutes(-5), 'retracted'],
  ] as const)('when published at %s and retracted at %s, then the status is %s', (publishedAt, retractedAt, status) => {
    expect(bulletinStatus({ publishedAt, retractedAt }, NOW)).toBe(status)
  })

  it('when a scheduled bulletin was retracted before its time, then residents never see it, not even as retracted', () => {
    expect(publicVisibility({ publishedAt: minutes(-10), retractedAt: minutes(-20) }, NOW)).toBe('unpublished')
    expect(publicVisibility({ publishedAt: minutes(-20), retractedAt: minutes(-10) }, NOW)).toBe('retracted')
    expect(publicVisibility({ publishedAt: minutes(10), retractedAt: null }, NOW)).toBe('unpublished')
    expect(publicVisibility({ publishedAt: minutes(-10), retractedAt: null }, NOW)).toBe('visible')
  })
})

describe('editing, publishing, retracting', () => {
  it('when a draft is edited, then its current version is rewritten', () => {
    expect(planEdit('draft', 1)).toEqual({ kind: 'rewrite', version: 1 })
  })

  it('when a published or scheduled bulletin is edited, then a version is added', () => {
    expect(planEdit('published', 1)).toEqual({ kind: 'add', version: 2 })
    expect(planEdit('scheduled', 3)).toEqual({ kind: 'add', version: 4 })
  })

  it('when a retracted bulletin is edited, then it is refused', () => {
    expect(planEdit('retracted', 2)).toEqual({ kind: 'refused', code: 'BULLETIN_RETRACTED' })
  })

  it('when no time is given, then it is published now', () => {
    expect(planPublish('draft', null, NOW)).toEqual({ ok: true, publishedAt: NOW, scheduled: false })
    expect(planPublish('draft', undefined, NOW)).toEqual({ ok: true, publishedAt: NOW, scheduled: false })
  })

  it('when a future time is given, then it is scheduled for that time', () => {
    expect(planPublish('draft', minutes(90).toISOString(), NOW)).toEqual({ ok: true, publishedAt: minutes(90), scheduled: true })
  })

  it('when the time is 4 minutes past, then it is published at that time; 6 minutes past is refused', () => {
    expect(planPublish('draft', minutes(-4).toISOString(), NOW)).toEqual({ ok: true, publishedAt: minutes(-4), scheduled: false })
    expect(planPublish('draft', minutes(-6).toISOString(), NOW)).toEqual({ ok: false, code: 'BULLETIN_PUBLISH_TIME_INVALID' })
  })

  it('when the time is not a time or more than 30 days ahead, then it is refused', () => {
    expect(planPublish('draft', '明天上午', NOW)).toEqual({ ok: false, code: 'BULLETIN_PUBLISH_TIME_INVALID' })
    expect(planPublish('draft', minutes(31 * 24 * 60).toISOString(), NOW)).toEqual({ ok: false, code: 'BULLETIN_PUBLISH_TIME_INVALID' })
  })

  it('when a scheduled bulletin is published again, then its time moves; a published one is refused', () => {
    expect(planPublish('scheduled', null, NOW)).toEqual({ ok: true, publishedAt: NOW, scheduled: false })
    expect(planPublish('published', null, NOW)).toEqual({ ok: false, code: 'BULLETIN_ALREADY_PUBLISHED' })
    expect(planPublish('retracted', null, NOW)).toEqual({ ok: false, code: 'BULLETIN_RETRACTED' })
  })

  it('when a retraction has a blank reason, then it is refused; a draft cannot be retracted', () => {
    expect(planRetract('published', '  ')).toEqual({ ok: false, code: 'BULLETIN_RETRACT_REASON_REQUIRED' })
    expect(planRetract('draft', '错误')).toEqual({ ok: false, code: 'BULLETIN_NOT_PUBLISHED' })
    expect(planRetract('retracted', '错误')).toEqual({ ok: false, code: 'BULLETIN_RETRACTED' })
    expect(planRetract('scheduled', ' 金额有误 ')).toEqual({ ok: true, reason: '金额有误' })
  })
})

describe('station and template', () => {
  it.each([
    [{ level: 'town', name: '柏林镇' }, '柏林派出所'],
    [{ level: 'town', name: '几江街道' }, '几江派出所'],
    [{ level: 'county', name: '江津区' }, '江津区公安局'],
  ] as const)('when the region is %o, then the station is %s', (region, station) => {
    expect(stationNameOf(region)).toBe(station)
  })

  it('when a new bulletin starts from the template, then it reports yesterday in China with two cases and the 96110 advice', () => {
    const input = defaultBulletinInput('500116115', new Date('2026-11-28T16:30:00Z')) // 00:30 on the 29th in China
    expect(input.bulletinDate).toBe('2026-11-28')
    expect(input.title).toBe('11月28日 电信网络诈骗警情通报')
    expect(input.title).toBe(bulletinTitleFor('2026-11-28'))
    expect(input.cases.map((c) => c.fraudType)).toEqual(['rebate_task', 'fake_police'])
    expect(input.advice).toContain('96110')
    expect(input.cases.map((c) => [c.victimProfile, c.method])).toEqual([['', ''], ['', '']])
  })
})

describe('template text', () => {
  const aWrittenCase = (overrides: Partial<BulletinCase> = {}): BulletinCase => ({
    fraudType: 'rebate_task', victimProfile: '东胜村 58岁 女性 务农', lossYuan: 3200, method: '受害人被拉入刷单群，垫付 3 笔后无法提现。',
    warning: STANDARD_WARNINGS.rebate_task, ...overrides,
  })
  const aBulletin = (cases: BulletinCase[]) => ({ title: '11月28日 电信网络诈骗警情通报', advice: STANDARD_ADVICE, cases })

  it.each([
    '某社区 XX岁 男性 退休职工', '东胜村 xx 岁 女性', '损失 XX元', '受害人通过（短视频平台/陌生来电）结识对方', '受害人被诱导垫付资金……', '对方称...',
    CASE_HINTS.victimProfile, CASE_HINTS.method,
  ])('when a text reads %s, then it is taken for template text', (text) => {
    expect(looksLikePlaceholder(text)).toBe(true)
  })

  it.each(['东胜村 70岁 男性 务农', '受害人在“XX理财”APP 投资后无法提现。', '受害人（男，62岁）接到来电', ''])(
    'when a text reads %s, then it is taken as written', (text) => {
      expect(looksLikePlaceholder(text)).toBe(false)
    },
  )

  it('when cases still hold template text, then each such field is named with the stable code', () => {
    const problems = templateTextProblems(aBulletin([aWrittenCase(), aWrittenCase({ victimProfile: '某村 XX岁 女性 务农', method: '受害人被骗……' })]))

    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['BULLETIN_TEMPLATE_TEXT', 'cases.1.victimProfile'], ['BULLETIN_TEMPLATE_TEXT', 'cases.1.method'],
    ])
  })

  it('when every field is written, then the standard warnings and advice pass as they are', () => {
    expect(templateTextProblems(aBulletin([aWrittenCase(), aWrittenCase({ fraudType: 'fake_police', warning: STANDARD_WARNINGS.fake_police })]))).toEqual([])
  })
})

describe('same-day bulletins', () => {
  const anItem = (id: string, bulletinDate: string, status: BulletinStatus, regionId = 't1') => ({ id, bulletinDate, status, regionId })

  it('when the station has one out or scheduled for that day, then those are found, never the bulletin itself, a draft, a retracted one or another station’s', () => {
    const items = [
      anItem('self', '2026-11-28', 'published'), anItem('out', '2026-11-28', 'published'), anItem('soon', '2026-11-28', 'scheduled'),
      anItem('draft', '2026-11-28', 'draft'), anItem('gone', '2026-11-28', 'retracted'), anItem('before', '2026-11-27', 'published'),
      anItem('elsewhere', '2026-11-28', 'published', 't2'),
    ]

    expect(sameDayBulletins(items, { id: 'self', regionId: 't1', bulletinDate: '2026-11-28' }).map((b) => b.id)).toEqual(['out', 'soon'])
  })
})
