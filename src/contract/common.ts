import { Type, type Static, type TSchema } from 'typebox'
import { REGION_LEVELS } from '../core/regions'
import { ROLES } from '../core/roles'
import { TIMESTAMP_EXAMPLE } from '../core/timestamp'
import type { Page as PageOf } from '../core/page'

/** Building blocks shared by several domains' contracts. */

/** Free text from the caller: PostgreSQL refuses NUL in text, so control characters stop at validation, not as a 500. */
export const PlainText = (opts: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({ ...opts, pattern: '^[^\\u0000-\\u001f\\u007f]*$' })

/**
 * A point in time from the caller: ISO 8601 with an explicit offset, years 2000–2100 (the `date-time` format is
 * replaced by src/core/timestamp.ts, see strict-timestamps.ts). Every timestamp in a body or query uses this.
 */
export const Timestamp = (description?: string) =>
  Type.String({ format: 'date-time', maxLength: 40, description: `${description ? `${description}；` : ''}ISO 8601，须带时区，如 ${TIMESTAMP_EXAMPLE}` })

export const RegionId = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9-]+$', description: '区域编码' })
export const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' })

export const RoleName = Type.Enum([...ROLES])
export const RegionLevelName = Type.Enum([...REGION_LEVELS])

export const MeRole = Type.Object({
  role: RoleName,
  regionId: Type.String(),
  regionName: Type.String(),
  regionPath: Type.String(),
})
export type MeRole = Static<typeof MeRole>

export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100000, default: 1, description: '页码，从 1 开始' }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: '每页条数' }),
}

/** The answer of an endpoint that answers 204: declare it with `noContent: true`. */
export const NoContent = Type.Null({ description: '无内容' })

/** One page of a list and how many there are in all. */
export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() })
export type Page<T> = PageOf<T>

/** A spreadsheet row an import refused (`src/core/import-rows.ts`). */
export const ImportRowError = Type.Object({ row: Type.Integer({ description: '表格行号，表头为第 1 行' }), message: Type.String() })

export const Geo = Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) })

/** One answer per item of an offline batch (visits, pledges), in the order sent. */
export const SyncItemResult = Type.Object({
  id: Type.String(),
  status: Type.Enum(['stored', 'duplicate', 'rejected']),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
})
export type SyncItemResult = Static<typeof SyncItemResult>

export const SyncBatchResult = Type.Object({ items: Type.Array(SyncItemResult) })
export type SyncBatchResult = Static<typeof SyncBatchResult>
