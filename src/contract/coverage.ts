import { Type, type Static } from 'typebox'
import { REGION_LEVELS } from '../core/regions'
import { Page, PageQuery, RegionId } from './common'
import { HouseholdSummary } from './households'

/** Door-to-door coverage: per region for admins and cadres, per grid this quarter for the grid worker. */

const count = (description: string) => Type.Integer({ minimum: 0, description })

export const CoverageRow = Type.Object({
  regionId: Type.String(),
  name: Type.String(),
  level: Type.Enum([...REGION_LEVELS]),
  households: count('住户数'),
  visited: count('已走访（曾经）'),
  visited90d: count('近 90 天走访'),
  pledged: count('已签承诺书'),
  appInstalled: count('已装国家反诈中心APP'),
  callWarningOn: count('已开来电预警'),
  vulnerable: count('一老一小、独居老人户'),
  vulnerableVisited: count('其中已走访'),
})
export type CoverageRow = Static<typeof CoverageRow>

export const CoverageReport = Type.Object({ region: CoverageRow, children: Type.Array(CoverageRow) })
export type CoverageReport = Static<typeof CoverageReport>

/** One of a worker's grids this quarter: households reached since the quarter began, against all of the grid's. */
export const GridProgress = Type.Object({
  gridId: Type.String(),
  gridName: Type.String({ description: '带村名的网格名，如 东胜村第1网格' }),
  households: count('住户数'),
  visited: count('本季度已走访'),
  pledged: count('本季度已签承诺书'),
  vulnerable: count('一老一小、独居老人户'),
  vulnerableVisited: count('其中本季度已走访'),
})
export type GridProgress = Static<typeof GridProgress>

export const WorkerProgress = Type.Object({
  quarter: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }), label: Type.String() }),
  grids: Type.Array(GridProgress),
})
export type WorkerProgress = Static<typeof WorkerProgress>

export const CoverageQuery = Type.Object({ regionId: Type.Optional(RegionId) })
export type CoverageQuery = Static<typeof CoverageQuery>

export const CoverageGapQuery = Type.Object({ regionId: Type.Optional(RegionId), ...PageQuery })
export type CoverageGapQuery = Static<typeof CoverageGapQuery>

export const coverageEndpoints = {
  'GET /api/coverage': { query: CoverageQuery, response: CoverageReport },
  'GET /api/coverage/my-grids': { response: WorkerProgress },
  'GET /api/coverage/gaps': { query: CoverageGapQuery, response: Page(HouseholdSummary) },
}
