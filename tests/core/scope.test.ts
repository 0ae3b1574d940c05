import { canActOn, scopePathsFor } from '@/core/scope'
import type { RoleAssignment } from '@/core/roles'

const grid = (village: string, n: number) => `/500116/500116115/${village}/${village}-0${n}/`
const assignment = (role: RoleAssignment['role'], regionPath: string): RoleAssignment => ({ role, regionId: regionPath.split('/').at(-2)!, regionPath })

describe('canActOn', () => {
  it('when a grid worker reads a household of their own grid, then it is allowed', () => {
    const worker = [assignment('grid_worker', grid('500116115200', 1))]
    expect(canActOn(worker, 'household.read', grid('500116115200', 1))).toBe(true)
  })

  it('when a grid worker reads a household of the neighbouring grid, then it is refused', () => {
    const worker = [assignment('grid_worker', grid('500116115200', 1))]
    expect(canActOn(worker, 'household.read', grid('500116115200', 2))).toBe(false)
  })

  it('when a grid id is a prefix of another grid id, then the one never covers the other', () => {
    const worker = [assignment('grid_worker', '/500116/500116115/500116115200/g1/')]
    expect(canActOn(worker, 'household.read', '/500116/500116115/500116115200/g12/')).toBe(false)
  })

  it('when a cadre reads a household of another village, then it is refused', () => {
    const cadre = [assignment('cadre', '/500116/500116115/500116115200/')]
    expect(canActOn(cadre, 'household.read', grid('500116115201', 1))).toBe(false)
    expect(canActOn(cadre, 'household.read', grid('500116115200', 3))).toBe(true)
  })

  it('when a role does not allow the action, then its region does not help', () => {
    const dissuader = [assignment('dissuader', '/500116/500116115/')]
    expect(canActOn(dissuader, 'household.read', grid('500116115200', 1))).toBe(false)
    expect(canActOn([assignment('cadre', '/500116/500116115/')], 'region.import', '/500116/500116115/')).toBe(false)
  })

  it('when a user holds two roles, then either one may grant the action', () => {
    const both = [assignment('dissuader', '/500116/500116115/'), assignment('grid_worker', grid('500116115200', 1))]
    expect(canActOn(both, 'household.write', grid('500116115200', 1))).toBe(true)
  })
})

describe('scopePathsFor', () => {
  it('when one allowed region lies inside another, then only the outer one is kept', () => {
    const roles = [assignment('cadre', '/500116/500116115/500116115200/'), assignment('admin', '/500116/500116115/'), assignment('admin', '/500116/500116107/')]
    expect(scopePathsFor(roles, 'household.read').sort()).toEqual(['/500116/500116107/', '/500116/500116115/'])
  })

  it('when no role allows the action, then the scope is empty', () => {
    expect(scopePathsFor([assignment('resident', '/500116/')], 'household.read')).toEqual([])
  })
})
