import { Type } from 'typebox'
import { REGION_LEVELS } from '#core/regions'
import { ROLES } from '#core/roles'
import { TIMESTAMP_EXAMPLE } from '#core/timestamp'

/** Schemas shared by several modules, mirroring src/core/api-types.ts. */

export const ErrorResponse = Type.Object({
  code: Type.String({ description: '稳定的错误码，见 src/core/errors.ts' }),
  message: Type.String({ description: '给用户看的中文说明' }),
  details: Type.Optional(Type.Unknown()),
  requestId: Type.Optional(Type.String()),
}, { description: '错误' })

/** The refusals every signed-in route can give, to merge into a route's `response`. */
export const COMMON_ERRORS = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }

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

export const MeRoleSchema = Type.Object({
  role: RoleName,
  regionId: Type.String(),
  regionName: Type.String(),
  regionPath: Type.String(),
})

export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100000, default: 1, description: '页码，从 1 开始' }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: '每页条数' }),
}

export const BEARER = [{ bearer: [] }]
