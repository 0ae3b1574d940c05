import { sql, type Expression, type SqlBool } from 'kysely'
import { canActOn, scopePathsFor, type Action } from '#core/scope'
import type { RoleAssignment } from '#core/roles'
import type { ErrorCode } from '#core/errors'
import { AppError, forbidden, notFound, outOfScope } from '../errors'

/** Region paths are prefixes: `%` and `_` in them must not act as wildcards. */
export function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** The column holds a path under one of the paths: the WHERE clause of every scoped list. */
export function pathUnderAny(column: string, paths: readonly string[]): Expression<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`false`
  return sql<SqlBool>`(${sql.join(paths.map((p) => sql`${sql.ref(column)} LIKE ${likePrefix(p)}`), sql` OR `)})`
}

/**
 * The paths a scoped list may show: the caller's paths for the action, narrowed to one region when asked.
 * A caller with no role allowing the action is refused; a region outside the caller's scope too.
 */
export async function scopeFor(
  roles: readonly RoleAssignment[],
  action: Action,
  regionId: string | undefined,
  findRegionPath: (id: string) => Promise<string | null>,
): Promise<string[]> {
  const paths = scopePathsFor(roles, action)
  if (paths.length === 0) throw forbidden()
  if (regionId === undefined) return paths
  const path = await findRegionPath(regionId)
  if (path === null) throw new AppError('REGION_NOT_FOUND', 404)
  if (!canActOn(roles, action, path)) throw outOfScope()
  return [path]
}

/**
 * The row the caller may act on: refused when no role of theirs allows the action anywhere (before looking the row up),
 * and `missing` both when there is no such row and when the row's region is not under the caller's: a record out of
 * scope looks absent, so that a caller cannot learn which ids exist elsewhere.
 */
export async function rowInScope<T extends { regionPath: string }>(
  roles: readonly RoleAssignment[],
  action: Action,
  find: () => Promise<T | null | undefined>,
  missing: ErrorCode = 'NOT_FOUND',
): Promise<T> {
  if (scopePathsFor(roles, action).length === 0) throw forbidden()
  const row = await find()
  if (!row || !canActOn(roles, action, row.regionPath)) throw notFound(missing)
  return row
}
