/** Who a warning is dispatched to: a dissuader of its region, chosen by hand or the least loaded one. */

export interface AssigneeCandidate {
  id: string
  name: string
  /** Warnings assigned to them and not yet closed. */
  openWarnings: number
}

/** A warning about to be dispatched: the region it lies in, and the dissuader chosen by hand, if any. */
export interface AssignmentRequest {
  regionPath: string
  assigneeId: string | null
}

export interface Assignment<T extends AssigneeCandidate> {
  assignee: T | null
  /** Chosen by hand, or picked by region and load. */
  chosen: boolean
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Least loaded first; ties go to the name, then the id, so that the order never depends on query order. */
export function byLoad(a: AssigneeCandidate, b: AssigneeCandidate): number {
  return a.openWarnings - b.openWarnings || compare(a.name, b.name) || compare(a.id, b.id)
}

/** The dissuader a warning goes to when nobody is chosen by hand. */
export function pickAssignee<T extends AssigneeCandidate>(candidates: readonly T[]): T | null {
  return [...candidates].sort(byLoad)[0] ?? null
}

/**
 * The assignee of each warning of a batch, in order. One chosen by hand must be among the region's candidates (else
 * nobody); the others go to the least loaded, counting what the earlier warnings of the batch gave each dissuader.
 */
export function assignWarnings<T extends AssigneeCandidate>(
  requests: readonly AssignmentRequest[],
  candidatesOf: (regionPath: string) => readonly T[],
): Assignment<T>[] {
  const added = new Map<string, number>()
  return requests.map((request) => {
    const candidates = candidatesOf(request.regionPath).map((c) => ({ ...c, openWarnings: c.openWarnings + (added.get(c.id) ?? 0) }))
    const chosen = Boolean(request.assigneeId)
    const assignee = chosen ? candidates.find((c) => c.id === request.assigneeId) ?? null : pickAssignee(candidates)
    if (assignee) added.set(assignee.id, (added.get(assignee.id) ?? 0) + 1)
    return { assignee, chosen }
  })
}
