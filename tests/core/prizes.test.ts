import { checkPrizeInput, normalizeRedemptionCode, redemptionCodeFrom, REDEMPTION_ALPHABET, unmetConditions, type ClaimantFacts, type PrizeTerms } from '@/core/prizes'
import type { PrizeInput } from '@/contract/prizes'

const now = new Date('2026-11-20T02:00:00Z')
const days = (n: number) => new Date(now.getTime() + n * 24 * 3600_000)
const aPrize = (overrides: Partial<PrizeTerms> = {}): PrizeTerms => ({
  regionPath: '/500116/500116115/', stock: 20, granted: 0, perUserLimit: 1, minScore: null, minStreak: null, validFrom: days(-1), validTo: days(30), ...overrides,
})
const aResident = (overrides: Partial<ClaimantFacts> = {}): ClaimantFacts => ({
  regionPaths: ['/500116/500116115/500116115200/'], bestScore: null, streak: 0, claimedByMe: 0, ...overrides,
})
const codes = (prize: PrizeTerms, claimant: ClaimantFacts) => unmetConditions(prize, claimant, now).map((u) => u.code)

describe('unmetConditions', () => {
  it('when a resident of the town asks for a prize without conditions, then nothing is unmet', () => {
    expect(unmetConditions(aPrize(), aResident(), now)).toEqual([])
  })

  it('when the prize has not started or has ended, then that is said with the Beijing time', () => {
    expect(unmetConditions(aPrize({ validFrom: new Date('2026-11-21T01:00:00Z') }), aResident(), now))
      .toEqual([{ code: 'PRIZE_NOT_STARTED', message: '该奖品 11月21日 09:00 开始领取' }])
    expect(unmetConditions(aPrize({ validTo: new Date('2026-11-19T16:00:00Z') }), aResident(), now))
      .toEqual([{ code: 'PRIZE_EXPIRED', message: '该奖品已于 11月20日 00:00 截止领取' }])
  })

  it('when the resident lives in another town, then the prize is out of region', () => {
    expect(codes(aPrize(), aResident({ regionPaths: ['/500116/500116107/500116107200/'] }))).toEqual(['PRIZE_OUT_OF_REGION'])
  })

  it('when the stock is gone or the resident has their share, then both are named', () => {
    expect(codes(aPrize({ granted: 20 }), aResident({ claimedByMe: 1 }))).toEqual(['PRIZE_OUT_OF_STOCK', 'PRIZE_LIMIT_REACHED'])
  })

  it('when the score or the streak falls short, then the reasons say what is needed and where the resident stands', () => {
    expect(unmetConditions(aPrize({ minScore: 80, minStreak: 3 }), aResident({ bestScore: 60, streak: 1 }), now).map((u) => u.message)).toEqual([
      '需每日答题得分达到 80 分（您的最好成绩是 60 分）',
      '需连续 3 天参加每日答题（您目前连续 1 天）',
    ])
  })

  it('when the resident never took a quiz, then the score reason says so', () => {
    expect(unmetConditions(aPrize({ minScore: 80 }), aResident(), now)[0].message).toBe('需每日答题得分达到 80 分（您还没有答过题）')
  })

  it('when the best score equals the minimum, then it is enough', () => {
    expect(unmetConditions(aPrize({ minScore: 80 }), aResident({ bestScore: 80 }), now)).toEqual([])
  })
})

describe('checkPrizeInput', () => {
  const anInput = (overrides: Partial<PrizeInput> = {}): PrizeInput => ({
    regionId: '500116115', name: '防骗手提袋', description: '', stock: 20, perUserLimit: 1, minScore: 80, minStreak: null,
    validFrom: days(0).toISOString(), validTo: days(60).toISOString(), pickupPlace: '柏林派出所警务室', ...overrides,
  })

  it('when the input is complete, then there is no problem', () => {
    expect(checkPrizeInput(anInput())).toEqual([])
  })

  it('when the end is before the start or the stock is below what was handed out, then each is named', () => {
    expect(checkPrizeInput(anInput({ validTo: days(-1).toISOString() }))).toEqual(['截止时间必须晚于开始时间'])
    expect(checkPrizeInput(anInput({ stock: 5 }), 8)).toEqual(['库存不能少于已领出的 8 份'])
  })
})

describe('redemption codes', () => {
  it('when made from random bytes, then the code has 12 characters without 0, O, 1 or I', () => {
    const code = redemptionCodeFrom(Array.from({ length: 12 }, (_, i) => i * 21))
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
    expect(REDEMPTION_ALPHABET).not.toMatch(/[01OI]/)
  })

  it('when staff type a code in lower case with spaces or dashes, then it is read as the code; anything else is not a code', () => {
    expect(normalizeRedemptionCode('abcd-efgh 2345')).toBe('ABCDEFGH2345')
    expect(normalizeRedemptionCode('ABCDEFGH234O')).toBeNull()
    expect(normalizeRedemptionCode('ABC')).toBeNull()
  })
})
