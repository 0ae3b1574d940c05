import { assignWarnings, pickAssignee, type AssigneeCandidate } from '@/core/warning-assignment'

const aDissuader = (over: Partial<AssigneeCandidate> = {}): AssigneeCandidate => ({ id: 'd1', name: '陈一', openWarnings: 0, ...over })
const VILLAGE = '/500116/500116115/500116115200/'
const OTHER_VILLAGE = '/500116/500116115/500116115201/'

describe('pickAssignee', () => {
  it('when dissuaders carry different loads, then the least loaded is picked', () => {
    const picked = pickAssignee([{ id: 'a', name: '甲', openWarnings: 3 }, { id: 'b', name: '乙', openWarnings: 1 }, { id: 'c', name: '丙', openWarnings: 2 }])
    expect(picked?.id).toBe('b')
  })

  it('when loads tie, then the name decides and then the id', () => {
    expect(pickAssignee([{ id: 'a', name: '陈二', openWarnings: 1 }, { id: 'b', name: '陈一', openWarnings: 1 }])?.id).toBe('b')
    expect(pickAssignee([{ id: 'y', name: '陈劝阻', openWarnings: 0 }, { id: 'x', name: '陈劝阻', openWarnings: 0 }])?.id).toBe('x')
  })

  it('when there is no dissuader, then nobody is picked', () => {
    expect(pickAssignee([])).toBeNull()
  })
})

describe('assignWarnings', () => {
  it('when several warnings of a region arrive together, then each counts as load for the next', () => {
    const candidates = [aDissuader({ id: 'a', name: '陈一', openWarnings: 1 }), aDissuader({ id: 'b', name: '陈二', openWarnings: 2 })]
    const requests = [1, 2, 3].map(() => ({ regionPath: VILLAGE, assigneeId: null }))
    expect(assignWarnings(requests, () => candidates).map((a) => a.assignee?.id)).toEqual(['a', 'a', 'b'])
  })

  it('when a warning names its dissuader, then it goes to them and counts as their load', () => {
    const candidates = [aDissuader({ id: 'a', openWarnings: 0 }), aDissuader({ id: 'b', name: '陈二', openWarnings: 1 })]
    const assignments = assignWarnings([{ regionPath: VILLAGE, assigneeId: 'a' }, { regionPath: VILLAGE, assigneeId: null }], () => candidates)
    expect(assignments.map((a) => [a.assignee?.id, a.chosen])).toEqual([['a', true], ['a', false]])
  })

  it('when the named dissuader is not among the region\'s, then nobody is assigned', () => {
    const [assignment] = assignWarnings([{ regionPath: VILLAGE, assigneeId: 'stranger' }], () => [aDissuader()])
    expect(assignment).toEqual({ assignee: null, chosen: true })
  })

  it('when warnings lie in different regions, then each is given a dissuader of its own region', () => {
    const byRegion: Record<string, AssigneeCandidate[]> = { [VILLAGE]: [aDissuader({ id: 'a' })], [OTHER_VILLAGE]: [aDissuader({ id: 'b', openWarnings: 5 })] }
    const requests = [{ regionPath: OTHER_VILLAGE, assigneeId: null }, { regionPath: VILLAGE, assigneeId: null }]
    expect(assignWarnings(requests, (path) => byRegion[path]).map((a) => a.assignee?.id)).toEqual(['b', 'a'])
  })

  it('when a region has no dissuader, then its warning waits unassigned', () => {
    expect(assignWarnings([{ regionPath: VILLAGE, assigneeId: null }], () => [])).toEqual([{ assignee: null, chosen: false }])
  })
})
