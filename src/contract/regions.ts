import { Type, type Static } from 'typebox'
import { ImportRowError, RegionId, RegionLevelName } from './common'

/** The region tree (county → town → village → grid) and its import from a spreadsheet. */

export const RegionNode = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  level: RegionLevelName,
  name: Type.String(),
  path: Type.String(),
  householdCount: Type.Integer({ description: '该区域下的住户数' }),
})
export type RegionNode = Static<typeof RegionNode>

/** The answer of POST /api/regions/import, a multipart upload the client sends with fetch rather than `call`. */
export const RegionImportResult = Type.Object({
  dryRun: Type.Boolean(),
  created: Type.Integer(),
  updated: Type.Integer(),
  errors: Type.Array(ImportRowError),
})
export type RegionImportResult = Static<typeof RegionImportResult>

export const regionEndpoints = {
  'GET /api/regions/tree': {
    query: Type.Object({ rootId: Type.Optional(RegionId) }),
    response: Type.Object({ nodes: Type.Array(RegionNode) }),
  },
}
