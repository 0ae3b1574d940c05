import type { LoginResult, Me } from '@/contract/auth'
import type { MeRole } from '@/contract/common'
import type { Invitation, InvitationPreview } from '@/contract/invitations'
import type { PlaceTown, Residence } from '@/contract/residence'
import type { ManagedUser, ManagedUserDetail } from '@/contract/users'

export const aRole = (overrides: Partial<MeRole> = {}): MeRole => ({
  role: 'resident', regionId: 'v-ds', regionName: '东胜村', regionPath: '/c1/t-bl/v-ds/', ...overrides,
})
export const aMe = (roles: MeRole[] = [], overrides: Partial<Me> = {}): Me => ({ id: 'u-new', displayName: '李阿姨', roles, ...overrides })
export const aLogin = (user: Me = aMe()): LoginResult => ({ token: 'token-1', expiresAt: '2030-01-01T00:00:00Z', user })

export const aTown = (overrides: Partial<PlaceTown> = {}): PlaceTown => ({
  id: 't-bl', name: '柏林镇', countyName: '合川区',
  villages: [{ id: 'v-ds', name: '东胜村' }, { id: 'v-xh', name: '新华村' }], ...overrides,
})

export const aResidence = (overrides: Partial<Residence> = {}): Residence => ({
  villageId: 'v-ds', villageName: '东胜村', townName: '柏林镇', householdCode: null, boundAt: '2026-12-01T02:00:00Z', ...overrides,
})

export const aPreview = (overrides: Partial<InvitationPreview> = {}): InvitationPreview => ({
  code: 'ABCDEFGH', role: 'grid_worker', regionName: '东胜村第1网格', inviterName: '王所长',
  expiresAt: '2030-01-01T00:00:00Z', status: 'open', alreadyHeld: false, ...overrides,
})

export const anInvitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  code: 'ABCDEFGH', url: 'https://x.test/join/ABCDEFGH', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
  role: 'grid_worker', regionId: 'g1', regionName: '东胜村第1网格', maxUses: 1, usedCount: 0,
  expiresAt: '2030-01-01T00:00:00Z', createdAt: '2026-12-01T00:00:00Z', inviterName: '王所长', status: 'open', ...overrides,
})

export const aManagedUser = (overrides: Partial<ManagedUser> = {}): ManagedUser => ({
  id: 'u-zhang', displayName: '张网格', active: true,
  roles: [aRole({ role: 'grid_worker', regionId: 'g1', regionName: '东胜村第1网格', regionPath: '/c1/t-bl/v-ds/g1/' })],
  ...overrides,
})

export const aUserDetail = (overrides: Partial<ManagedUserDetail> = {}): ManagedUserDetail => ({
  ...aManagedUser(), createdAt: '2026-11-01T00:00:00Z',
  history: [{ at: '2026-11-01T01:00:00Z', action: 'role.grant', text: '授予角色 网格员/民警 · 东胜村第1网格', actorName: '王所长' }],
  ...overrides,
})

/** An admin of 柏林镇, who manages everything under /c1/t-bl/. */
export const townAdmin = (): MeRole => aRole({ role: 'admin', regionId: 't-bl', regionName: '柏林镇', regionPath: '/c1/t-bl/' })
