import { flow, makeAutoObservable } from 'mobx'
import type { HouseholdSummary, Page } from '@/core/api-types'
import { percent } from '@/core/coverage'
import type { CoverageReport, CoverageRow } from '@/core/door-to-door-api'
import type { Api } from '@/services/api-client'
import { FileExport } from './file-export'
import { errorMessage, type LoadState } from './load-state'

export const GAP_PAGE_SIZE = 20

/** One measure of a coverage row, ready for a CoverageBar. */
export interface CoverageLine {
  label: string
  part: number
  whole: number
  percent: number
}

/** The measures every row shows, in the order the page lists them. */
export function coverageLines(row: CoverageRow): CoverageLine[] {
  const line = (label: string, part: number, whole = row.households): CoverageLine =>
    ({ label, part, whole, percent: percent(part, whole) })
  return [
    line('已走访', row.visited),
    line('近90天已走访', row.visited90d),
    line('已签承诺书', row.pledged),
    line('APP 已安装', row.appInstalled),
    line('来电预警已开启', row.callWarningOn),
    line('一老一小/独居已走访', row.vulnerableVisited, row.vulnerable),
  ]
}

interface TrailStep {
  regionId: string
  name: string
}

/** Coverage of one region and its children, drilled down town → village → grid, with the never-visited gap list. */
export class CoverageStore {
  report: CoverageReport | null = null
  state: LoadState = 'idle'
  error: string | null = null
  /** The regions opened on the way down, so that 返回上级 can climb back. */
  trail: TrailStep[] = []
  gaps: HouseholdSummary[] = []
  gapsTotal = 0
  gapsPage = 0
  gapsState: LoadState = 'idle'
  gapsError: string | null = null
  /** A slow answer for a region the user has already left must not land. */
  private generation = 0
  private readonly fileExport = new FileExport()

  constructor(private readonly api: Pick<Api, 'coverage' | 'coverageGaps' | 'coverageGapsXlsx' | 'coverageGapsXlsxFile'>) {
    makeAutoObservable<CoverageStore, 'api' | 'generation' | 'fileExport'>(this, { api: false, generation: false, fileExport: false })
  }

  get regionId(): string | null {
    return this.trail.at(-1)?.regionId ?? null
  }

  get canGoUp(): boolean {
    return this.trail.length > 1
  }

  get exporting(): boolean {
    return this.fileExport.running
  }

  get hasMoreGaps(): boolean {
    return this.gaps.length < this.gapsTotal
  }

  reset(): void {
    this.generation++
    this.report = null
    this.state = 'idle'
    this.error = null
    this.trail = []
    this.clearGaps()
  }

  /** Starts over at the user's own region. */
  start(regionId: string, name: string): Promise<void> {
    this.trail = [{ regionId, name }]
    return this.load()
  }

  drillDown(row: CoverageRow): Promise<void> {
    this.trail = [...this.trail, { regionId: row.regionId, name: row.name }]
    return this.load()
  }

  goUp(): Promise<void> {
    if (!this.canGoUp) return Promise.resolve()
    this.trail = this.trail.slice(0, -1)
    return this.load()
  }

  load = flow(function* (this: CoverageStore) {
    const regionId = this.regionId
    if (!regionId) return
    const generation = ++this.generation
    this.state = 'loading'
    this.error = null
    this.report = null
    this.clearGaps()
    try {
      const report: CoverageReport = yield this.api.coverage(regionId)
      if (generation !== this.generation) return
      this.report = report
      this.state = 'ready'
    } catch (e) {
      if (generation !== this.generation) return
      this.state = 'error'
      this.error = errorMessage(e)
      return
    }
    yield this.loadGaps(1, generation)
  })

  loadMoreGaps = flow(function* (this: CoverageStore) {
    if (!this.hasMoreGaps || this.gapsState === 'loading') return
    yield this.loadGaps(this.gapsPage + 1, this.generation)
  })

  /** H5: the page turns the file into a download. */
  exportGaps(): Promise<Blob> {
    return this.fileExport.run(() => this.api.coverageGapsXlsx(this.regionId ?? ''))
  }

  /** weapp: a temporary file path for Taro.openDocument. */
  exportGapsFile(): Promise<string> {
    return this.fileExport.run(() => this.api.coverageGapsXlsxFile(this.regionId ?? ''))
  }

  private clearGaps(): void {
    this.gaps = []
    this.gapsTotal = 0
    this.gapsPage = 0
    this.gapsState = 'idle'
    this.gapsError = null
  }

  private loadGaps = flow(function* (this: CoverageStore, page: number, generation: number) {
    const regionId = this.regionId
    if (!regionId) return
    this.gapsState = 'loading'
    this.gapsError = null
    try {
      const result: Page<HouseholdSummary> = yield this.api.coverageGaps(regionId, page, GAP_PAGE_SIZE)
      if (generation !== this.generation) return
      this.gaps = page === 1 ? result.items : [...this.gaps, ...result.items]
      this.gapsTotal = result.total
      this.gapsPage = page
      this.gapsState = 'ready'
    } catch (e) {
      if (generation !== this.generation) return
      this.gapsState = 'error'
      this.gapsError = errorMessage(e)
    }
  })
}
