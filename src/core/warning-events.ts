import type { AssigneeCandidate, Assignment } from './warning-assignment'
import type { WarningEventKind, WarningState, WarningStep } from './warnings'

/** What a warning's timeline records of a change, before the actor and the time are added. */
export interface WarningEventDraft {
  kind: WarningEventKind
  fromState: WarningState | null
  toState: WarningState | null
  note: string
  lossAmount: number | null
}

const assigned = (note: string): WarningEventDraft => ({ kind: 'assigned', fromState: null, toState: null, note, lossAmount: null })

/** A new warning's timeline: received (待处置), then dispatched if a dissuader was found. */
export function creationEvents(assignment: Assignment<AssigneeCandidate>): WarningEventDraft[] {
  const created: WarningEventDraft = { kind: 'created', fromState: null, toState: 'pending', note: '', lossAmount: null }
  if (!assignment.assignee) return [created]
  const how = assignment.chosen ? '指定' : '按辖区和工作量自动'
  return [created, assigned(`${how}分派给 ${assignment.assignee.name}`)]
}

/** Handing a warning to another dissuader, or to a first one by hand. */
export function reassignmentEvent(hadAssignee: boolean, assigneeName: string): WarningEventDraft {
  return assigned(`${hadAssignee ? '改派' : '指定分派'}给 ${assigneeName}`)
}

/** A dissuader's step, with the note as they typed it less surrounding blanks. */
export function stepEvent(step: WarningStep, fromState: WarningState, toState: WarningState, note: string, lossAmount: number | null): WarningEventDraft {
  return { kind: step, fromState, toState, note: note.trim(), lossAmount }
}
