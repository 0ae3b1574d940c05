import { flow, makeAutoObservable } from 'mobx'
import type { HouseholdSummary, Page } from '@/core/api-types'
import { percent } from '@/core/coverage'
import type { CoverageReport, CoverageRow } from '@/core/door-to-door-api'
import type { Api } from '@/services/api-client'
import { FileExport } from './file-export'
import { LatestLoad } from './latest-load'
import { errorMessage, type LoadState } from './load-state'
import type { StoreFactory } from './store-context'

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
  /** The regions opened on the way down, so that 返回上级 can climb back. */
  trail: TrailStep[] = []
  gaps: HouseholdSummary[] = []
  gapsTotal = 0
  gapsPage = 0
  gapsState: LoadState = 'idle'
  gapsError: string | null = null
  private readonly reportLoad = new LatestLoad<CoverageReport>()
  /** A slow gap page for a region the user has already left must not land. */
  private gapsGeneration = 0
  private readonly fileExport = new FileExport()

  constructor(private readonly api: Pick<Api, 'coverage' | 'coverageGaps' | 'coverageGapsXlsx' | 'coverageGapsXlsxFile'>) {
    makeAutoObservable<CoverageStore, 'api' | 'reportLoad' | 'gapsGeneration' | 'fileExport'>(this, {
      api: false, reportLoad: false, gapsGeneration: false, fileExport: false,
    })
  }

  get report(): CoverageReport | null {
    return this.reportLoad.value
  }

  get state(): LoadState {
    return this.reportLoad.state
  }

  get error(): string | null {
    return this.reportLoad.error
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
    this.reportLoad.clear()
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
    this.reportLoad.clear()
    this.clearGaps()
    const generation = this.gapsGeneration
    const landed: boolean = yield this.reportLoad.load(() => this.api.coverage(regionId))
    if (landed) yield this.loadGaps(1, generation)
  })

  loadMoreGaps = flow(function* (this: CoverageStore) {
    if (!this.hasMoreGaps || this.gapsState === 'loading') return
    yield this.loadGaps(this.gapsPage + 1, this.gapsGeneration)
  })

  /** H5: the page turns the file into a download. */
  exportGaps(): Promise<Blob> {
    return this.fileExport.run(() => this.api.coverageGapsXlsx(this.regionId ?? ''))
  }

  /** weapp: a temporary file path for Taro.openDocument. */
  exportGapsFile(): Promise<string> {
    return this.fileExport.run(() => this.api.coverageGapsXlsxFile(this.regionId ?? ''))
  }

  /** Also drops any gap page still on its way. */
  private clearGaps(): void {
    this.gapsGeneration++
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
      if (generation !== this.gapsGeneration) return
      this.gaps = page === 1 ? result.items : [...this.gaps, ...result.items]
      this.gapsTotal = result.total
      this.gapsPage = page
      this.gapsState = 'ready'
    } catch (e) {
      if (generation !== this.gapsGeneration) return
      this.gapsState = 'error'
      this.gapsError = errorMessage(e)
    }
  })
}

export const coverageStore: StoreFactory<CoverageStore> = ({ api }) => new CoverageStore(api)
