import type { RoleAssignment } from '@/core/roles'
import { canCompleteVisitTask, visitTaskReasonText } from '@/core/visit-tasks'

const village = '/500116/500116115/500116115200/'
const grid = (n: number) => `${village}500116115200-0${n}/`
const assignment = (role: RoleAssignment['role'], regionPath: string): RoleAssignment => ({ role, regionId: regionPath.split('/').at(-2)!, regionPath })

describe('visitTaskReasonText', () => {
  it('when the task comes from a known warning, then the text names its fraud type and risk level', () => {
    expect(visitTaskReasonText('warning_unreachable', { fraudType: 'fake_police', riskLevel: 'high' })).toBe('预警无法联系，请上门核实（冒充公检法，高风险）')
  })

  it('when the warning is not known, then only the reason is said', () => {
    expect(visitTaskReasonText('warning_unreachable', null)).toBe('预警无法联系，请上门核实')
  })
})

describe('canCompleteVisitTask', () => {
  it('when a grid worker closes a task of their own grid, then it is allowed', () => {
    expect(canCompleteVisitTask([assignment('grid_worker', grid(1))], grid(1))).toBe(true)
  })

  it('when a grid worker closes a task of the village above their grid, then it is allowed, as it shows in their plan', () => {
    expect(canCompleteVisitTask([assignment('grid_worker', grid(2))], village)).toBe(true)
  })

  it('when a grid worker closes a task of the neighbouring grid, then it is refused', () => {
    expect(canCompleteVisitTask([assignment('grid_worker', grid(1))], grid(2))).toBe(false)
  })

  it('when a dissuader of the whole town closes a task, then it is refused: they do not record visits', () => {
    expect(canCompleteVisitTask([assignment('dissuader', '/500116/500116115/')], grid(1))).toBe(false)
  })
})
