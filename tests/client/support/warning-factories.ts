import type { LoginResult } from '@/core/api-types'
import type { WarningDetail, WarningListItem } from '@/contract/warnings'

/** Warnings as the server answers them; each test overrides only what it is about. */
export const aWarningItem = (over: Partial<WarningListItem> = {}): WarningListItem => ({
  id: 'w1', regionId: 'v1', regionName: '东胜村', residentName: '刘某某', phoneMasked: '138****1234', address: '东胜村1组3号',
  fraudType: 'fake_police', riskLevel: 'high', source: 'instruction', state: 'pending', receivedAt: '2026-11-29T01:00:00Z',
  contactDueAt: '2026-11-29T01:10:00Z', firstContactAt: null, closedAt: null, overdue: false, contactedInTime: null,
  assignee: { id: 'd1', name: '陈劝阻' }, amountAtRisk: 200000, lossAmount: null, version: 1, ...over,
})

export const aWarningDetail = (over: Partial<WarningDetail> = {}): WarningDetail => ({
  ...aWarningItem(), householdId: null, canRevealPhone: true, allowedSteps: ['contact', 'unreachable'],
  events: [{ kind: 'created', fromState: null, toState: 'pending', actorName: '李警官', note: '', lossAmount: null, at: '2026-11-29T01:00:00Z' }],
  ...over,
})

export const aDissuaderLogin = (): LoginResult => ({
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'd1', displayName: '陈劝阻', roles: [{ role: 'dissuader', regionId: 't1', regionName: '柏林镇', regionPath: '/c/t1/' }] },
})

export const anAdminLogin = (): LoginResult => ({
  token: 't', expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'a1', displayName: '李警官', roles: [{ role: 'admin', regionId: 't1', regionName: '柏林镇', regionPath: '/c/t1/' }] },
})
