import type { Page } from '#core/page'
import type { CoverageReport, WorkerProgress } from '#contract/coverage'
import type { HouseholdSummary } from '#contract/households'
import { recentVisitWindow, rollupCoverage } from '#core/coverage'
import { gridTitle } from '#core/regions'
import { chinaQuarterOf, periodInstants } from '#core/report-period'
import { scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { forbidden } from '../../errors'
import { scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import { HouseholdView, phoneCipher } from '../households/household-view'
import { gapSheet } from './gap-sheet'
import type { CoverageRepo } from './repo'

/** A spreadsheet for one office, not a dump of the county: beyond this the caller narrows the region. */
export const MAX_GAP_EXPORT_ROWS = 50_000

export class CoverageService {
  private readonly view: HouseholdView

  constructor(private readonly ctx: AppContext, private readonly repo: CoverageRepo) {
    this.view = new HouseholdView(phoneCipher(ctx.config))
  }

  /** The region's own row and one per child region; without a region, the caller's widest one. */
  async report(caller: SessionUser, regionId: string | undefined): Promise<CoverageReport> {
    const paths = scopePathsFor(caller.roles, 'coverage.read')
    if (paths.length === 0) throw forbidden()
    const [path] = await scopeFor(caller.roles, 'coverage.read', regionId ?? idOfPath(widest(paths)), this.repo.findRegionPath)
    const [regions, counts] = await Promise.all([
      this.repo.regionsUnder(path),
      this.repo.gridCountsUnder(path, recentVisitWindow(this.ctx.now()).since),
    ])
    return rollupCoverage(regions, counts, idOfPath(path))
  }

  /** The caller's own grids this quarter: only grids they are assigned to as a grid worker, never anyone else's. */
  async workerProgress(caller: SessionUser): Promise<WorkerProgress> {
    const gridIds = caller.roles.filter((r) => r.role === 'grid_worker').map((r) => r.regionId)
    if (gridIds.length === 0) throw forbidden()
    const quarter = chinaQuarterOf(this.ctx.now())
    const rows = await this.repo.gridQuarter(gridIds, periodInstants(quarter).start)
    return {
      quarter,
      grids: rows.map(({ villageName, gridName, ...counts }) => ({ ...counts, gridName: gridTitle(gridName, villageName) })),
    }
  }

  async gaps(caller: SessionUser, query: { regionId?: string; page: number; pageSize: number }): Promise<Page<HouseholdSummary>> {
    const paths = await scopeFor(caller.roles, 'coverage.read', query.regionId, this.repo.findRegionPath)
    const [total, rows] = await Promise.all([
      this.repo.countGapsUnder(paths),
      this.repo.gapsUnder(paths, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    ])
    return { total, items: rows.map((h) => this.view.summary(h)) }
  }

  async gapsSheet(caller: SessionUser, regionId: string | undefined): Promise<Buffer> {
    const paths = await scopeFor(caller.roles, 'coverage.read', regionId, this.repo.findRegionPath)
    const rows = await this.repo.gapsUnder(paths, { limit: MAX_GAP_EXPORT_ROWS, offset: 0 })
    return gapSheet(rows.map((h) => this.view.summary(h)))
  }
}

/** "/c/t/v/" → "v" */
const idOfPath = (path: string) => path.split('/').at(-2)!
/** The shortest path is the highest region; equal lengths keep the caller's first. */
const widest = (paths: readonly string[]) => [...paths].sort((a, b) => a.length - b.length)[0]
