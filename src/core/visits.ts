import type { ErrorCode } from './errors'
import { parseTimestamp } from './timestamp'

/** The door checklist, in the order the form shows it. */
export const VISIT_CHECKLIST = [
  { key: 'briefed', label: '宣讲到位' },
  { key: 'appInstalled', label: '国家反诈中心APP 已安装' },
  { key: 'callWarningOn', label: '来电预警已开启' },
  { key: 'emergencyContact', label: '家人紧急联系人已登记' },
  { key: 'elderlyChildReminded', label: '一老一小重点提醒' },
] as const
export type ChecklistKey = (typeof VISIT_CHECKLIST)[number]['key']

export const MAX_VISIT_NOTE_LENGTH = 500
export const MAX_VISITS_PER_BATCH = 500
/** Phones run a little fast or slow; a visit stamped this far ahead of the server is still believed. */
export const VISIT_CLOCK_SKEW_MS = 5 * 60_000
/** A visit kept offline longer than this is too stale to count for this month's coverage. */
export const VISIT_MAX_AGE_MS = 30 * 24 * 3600_000

/** What the server knows of the visited household when it checks a visit. */
export interface VisitTarget {
  regionPath: string
}

export type VisitVerdict = { ok: true } | { ok: false; code: ErrorCode }

/**
 * Whether one uploaded visit may be stored. `mayVisit` answers the caller's scope for a grid path, so that this
 * rule stays free of roles; `household` is null when the id is unknown.
 */
export function checkVisit(
  visit: { visitedAt: string; note: string },
  household: VisitTarget | null,
  mayVisit: (regionPath: string) => boolean,
  now: Date,
): VisitVerdict {
  if (!household) return { ok: false, code: 'VISIT_HOUSEHOLD_UNKNOWN' }
  if (!mayVisit(household.regionPath)) return { ok: false, code: 'VISIT_OUT_OF_SCOPE' }
  const at = parseTimestamp(visit.visitedAt)
  if (at === null) return { ok: false, code: 'VISIT_TIME_INVALID' }
  if (at > now.getTime() + VISIT_CLOCK_SKEW_MS) return { ok: false, code: 'VISIT_IN_FUTURE' }
  if (at < now.getTime() - VISIT_MAX_AGE_MS) return { ok: false, code: 'VISIT_TOO_OLD' }
  if (visit.note.length > MAX_VISIT_NOTE_LENGTH) return { ok: false, code: 'VISIT_NOTE_TOO_LONG' }
  return { ok: true }
}
