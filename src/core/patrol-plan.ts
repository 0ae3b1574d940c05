import { VULNERABLE_TAGS, type LatLng } from './households'

export const PATROL_SIZE_DEFAULT = 5
export const PATROL_SIZE_MIN = 3
export const PATROL_SIZE_MAX = 5

export interface PatrolCandidate {
  id: string
  tags: readonly string[]
  lastVisitAt: Date | null
  geo?: LatLng | null
}

export interface PatrolStop<T extends PatrolCandidate> {
  candidate: T
  /** Why this door is on today's list, in the worker's words. */
  reason: string
}

const DAY_MS = 24 * 3600_000

export function clampPatrolSize(size: number | undefined): number {
  if (size === undefined || !Number.isFinite(size)) return PATROL_SIZE_DEFAULT
  return Math.min(PATROL_SIZE_MAX, Math.max(PATROL_SIZE_MIN, Math.round(size)))
}

const vulnerableTagOf = (c: PatrolCandidate) => VULNERABLE_TAGS.find((t) => c.tags.includes(t))

/** 0: never visited, 1: 一老一小 / 独居老人, 2: everyone else. */
function tier(c: PatrolCandidate): number {
  if (c.lastVisitAt === null) return 0
  return vulnerableTagOf(c) ? 1 : 2
}

function byPriority(a: PatrolCandidate, b: PatrolCandidate): number {
  const byTier = tier(a) - tier(b)
  if (byTier !== 0) return byTier
  // Among never-visited doors the vulnerable ones still go first.
  const byVulnerable = Number(!vulnerableTagOf(a)) - Number(!vulnerableTagOf(b))
  if (byVulnerable !== 0) return byVulnerable
  const byAge = (a.lastVisitAt?.getTime() ?? 0) - (b.lastVisitAt?.getTime() ?? 0)
  return byAge !== 0 ? byAge : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Metres between two points, flat-earth: exact enough to order doors within one grid. */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const metresPerDegree = 111_320
  const dx = (b.lng - a.lng) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180)) * metresPerDegree
  const dy = (b.lat - a.lat) * metresPerDegree
  return Math.hypot(dx, dy)
}

/**
 * Orders the chosen doors as a walk: from the most urgent located door always to the nearest unvisited one.
 * Doors without a location keep their priority order after the walk.
 */
function asWalk<T extends PatrolCandidate>(chosen: T[]): T[] {
  const located = chosen.filter((c) => c.geo)
  const unlocated = chosen.filter((c) => !c.geo)
  const walk: T[] = []
  let rest = located
  while (rest.length > 0) {
    const here = walk.at(-1)?.geo
    const next = here
      ? rest.reduce((best, c) => (distanceMetres(here, c.geo!) < distanceMetres(here, best.geo!) ? c : best))
      : rest[0]
    walk.push(next)
    rest = rest.filter((c) => c !== next)
  }
  return [...walk, ...unlocated]
}

export function patrolReason(c: PatrolCandidate, now: Date): string {
  const tag = vulnerableTagOf(c)
  if (c.lastVisitAt === null) return tag ? `从未走访 · ${tag}` : '从未走访'
  const days = Math.max(0, Math.floor((now.getTime() - c.lastVisitAt.getTime()) / DAY_MS))
  const since = days === 0 ? '今天已走访' : `距上次走访 ${days} 天`
  return tag ? `${tag} · ${since}` : since
}

/** Today's suggested doors: never visited first, then 一老一小 / 独居老人, then longest since the last visit. */
export function planPatrol<T extends PatrolCandidate>(candidates: readonly T[], now: Date, size?: number): PatrolStop<T>[] {
  const chosen = [...candidates].sort(byPriority).slice(0, clampPatrolSize(size))
  return asWalk(chosen).map((candidate) => ({ candidate, reason: patrolReason(candidate, now) }))
}
