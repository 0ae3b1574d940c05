import type { AssigneeCandidate } from '@/core/warning-assignment'
import { creationEvents, reassignmentEvent, stepEvent } from '@/core/warning-events'

const aDissuader = (over: Partial<AssigneeCandidate> = {}): AssigneeCandidate => ({ id: 'd1', name: '陈二', openWarnings: 0, ...over })

describe('creationEvents', () => {
  it('when a warning is picked for the least loaded dissuader, then the timeline says it was dispatched by region and load', () => {
    expect(creationEvents({ assignee: aDissuader(), chosen: false }).map((e) => [e.kind, e.toState, e.note])).toEqual([
      ['created', 'pending', ''], ['assigned', null, '按辖区和工作量自动分派给 陈二'],
    ])
  })

  it('when the dissuader was chosen by hand, then the timeline says so', () => {
    expect(creationEvents({ assignee: aDissuader({ name: '王劝阻' }), chosen: true })[1].note).toBe('指定分派给 王劝阻')
  })

  it('when nobody could be assigned, then only the receipt is recorded', () => {
    expect(creationEvents({ assignee: null, chosen: false }).map((e) => e.kind)).toEqual(['created'])
  })
})

describe('reassignmentEvent', () => {
  it('when a warning had an assignee, then handing it on reads 改派', () => {
    expect(reassignmentEvent(true, '陈二')).toEqual({ kind: 'assigned', fromState: null, toState: null, note: '改派给 陈二', lossAmount: null })
  })

  it('when a warning had nobody, then giving it to someone reads 指定分派', () => {
    expect(reassignmentEvent(false, '陈二').note).toBe('指定分派给 陈二')
  })
})

describe('stepEvent', () => {
  it('when a dissuader\'s note has surrounding blanks, then the timeline keeps the words only', () => {
    expect(stepEvent('defrauded', 'contacted', 'defrauded', '  已指导报警 \n', 5000)).toEqual({
      kind: 'defrauded', fromState: 'contacted', toState: 'defrauded', note: '已指导报警', lossAmount: 5000,
    })
  })
})
