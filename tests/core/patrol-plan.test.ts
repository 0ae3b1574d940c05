import { clampPatrolSize, distanceMetres, planPatrol, type PatrolCandidate } from '@/core/patrol-plan'

const now = new Date('2026-11-20T08:00:00Z')
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600_000)
const door = (id: string, opts: Partial<PatrolCandidate> = {}): PatrolCandidate => ({ id, tags: [], lastVisitAt: daysAgo(10), ...opts })
const ids = (stops: { candidate: PatrolCandidate }[]) => stops.map((s) => s.candidate.id)

describe('planPatrol', () => {
  it('when a household was never visited, then it comes before a vulnerable one visited yesterday', () => {
    const plan = planPatrol([door('old', { tags: ['独居老人'], lastVisitAt: daysAgo(1) }), door('new', { lastVisitAt: null })], now, 3)
    expect(ids(plan)).toEqual(['new', 'old'])
  })

  it('when households were visited, then 一老一小 / 独居老人 come before others visited longer ago', () => {
    const plan = planPatrol([
      door('plain', { lastVisitAt: daysAgo(200) }),
      door('child', { tags: ['一老一小'], lastVisitAt: daysAgo(5) }),
      door('alone', { tags: ['独居老人'], lastVisitAt: daysAgo(50) }),
    ], now)
    expect(ids(plan)).toEqual(['alone', 'child', 'plain'])
  })

  it('when nobody is vulnerable, then the longest since the last visit comes first', () => {
    expect(ids(planPatrol([door('a', { lastVisitAt: daysAgo(3) }), door('b', { lastVisitAt: daysAgo(90) }), door('c', { lastVisitAt: daysAgo(30) })], now)))
      .toEqual(['b', 'c', 'a'])
  })

  it('when several were never visited, then the vulnerable among them go first', () => {
    expect(ids(planPatrol([door('a', { lastVisitAt: null }), door('b', { lastVisitAt: null, tags: ['一老一小'] }), door('c', { lastVisitAt: null })], now)))
      .toEqual(['b', 'a', 'c'])
  })

  it('when there are more candidates than the size, then only size doors are suggested, default 5', () => {
    const many = Array.from({ length: 12 }, (_, i) => door(`d${String(i).padStart(2, '0')}`, { lastVisitAt: daysAgo(i) }))
    expect(planPatrol(many, now)).toHaveLength(5)
    expect(ids(planPatrol(many, now, 3))).toEqual(['d11', 'd10', 'd09'])
  })

  it('when the chosen doors have locations, then they are walked nearest-first from the most urgent', () => {
    const plan = planPatrol([
      door('first', { lastVisitAt: null, geo: { lat: 29.0, lng: 106.0 } }),
      door('far', { lastVisitAt: daysAgo(100), geo: { lat: 29.01, lng: 106.0 } }),
      door('near', { lastVisitAt: daysAgo(20), geo: { lat: 29.001, lng: 106.0 } }),
      door('nowhere', { lastVisitAt: daysAgo(300) }),
    ], now)
    expect(ids(plan)).toEqual(['first', 'near', 'far', 'nowhere'])
  })

  it('when reasons are given, then they say why in Chinese', () => {
    const plan = planPatrol([
      door('a', { lastVisitAt: null, tags: ['独居老人'] }),
      door('b', { lastVisitAt: null }),
      door('c', { lastVisitAt: daysAgo(45) }),
      door('d', { lastVisitAt: daysAgo(7.5), tags: ['一老一小'] }),
    ], now)
    expect(plan.map((s) => s.reason)).toEqual(['从未走访 · 独居老人', '从未走访', '一老一小 · 距上次走访 7 天', '距上次走访 45 天'])
  })

  it('when there are no candidates, then the plan is empty', () => {
    expect(planPatrol([], now)).toEqual([])
  })

  it('when the input is planned, then it is left unchanged', () => {
    const input = [door('b', { lastVisitAt: daysAgo(1) }), door('a', { lastVisitAt: null })]
    planPatrol(input, now)
    expect(input.map((c) => c.id)).toEqual(['b', 'a'])
  })
})

describe('clampPatrolSize', () => {
  it('when the size is missing, then 5; when out of 3–5, then clamped', () => {
    expect([undefined, 1, 3, 4, 9, Number.NaN].map(clampPatrolSize)).toEqual([5, 3, 3, 4, 5, 5])
  })
})

describe('distanceMetres', () => {
  it('when two points are 0.001° of latitude apart, then about 111 m', () => {
    expect(Math.round(distanceMetres({ lat: 29, lng: 106 }, { lat: 29.001, lng: 106 }))).toBe(111)
  })
})
