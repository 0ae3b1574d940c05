import { flow, makeAutoObservable } from 'mobx'
import type { CoverageReport, CoverageRow } from '@/contract/coverage'
import type { HouseholdSummary } from '@/contract/households'
import { percent } from '@/core/coverage'
import type { Api } from '@/services/api-client'
import { FileExport } from './file-export'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { PagedList, type FetchPage } from './paged-list'
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
  private readonly reportLoad = new LatestLoad<CoverageReport>()
  /** A slow gap page for a region the user has already left must not land: PagedList drops it. */
  private readonly gapList = new PagedList<HouseholdSummary>()
  private readonly fileExport = new FileExport()

  constructor(private readonly api: Pick<Api, 'coverage' | 'coverageGaps' | 'coverageGapsXlsx' | 'coverageGapsXlsxFile'>) {
    makeAutoObservable<CoverageStore, 'api' | 'reportLoad' | 'gapList' | 'fileExport'>(this, {
      api: false, reportLoad: false, gapList: false, fileExport: false,
    })
  }

  get gaps(): HouseholdSummary[] {
    return this.gapList.items
  }

  get gapsTotal(): number {
    return this.gapList.total
  }

  /** 'loading' also while a further page is on its way, which the 加载更多 button shows. */
  get gapsState(): LoadState {
    return this.gapList.loadingMore ? 'loading' : this.gapList.state
  }

  get gapsError(): string | null {
    return this.gapList.error
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
    return this.gapList.hasMore
  }


  reset(): void {
    this.reportLoad.clear()
    this.trail = []
    this.gapList.clear()
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
    this.gapList.clear()
    const landed: boolean = yield this.reportLoad.load(() => this.api.coverage(regionId))
    if (landed) yield this.gapList.load(this.fetchGapPage(regionId))
  })

  loadMoreGaps(): Promise<void> {
    return this.regionId ? this.gapList.loadMore(this.fetchGapPage(this.regionId)) : Promise.resolve()
  }

  /** H5: the page turns the file into a download. */
  exportGaps(): Promise<Blob> {
    return this.fileExport.run(() => this.api.coverageGapsXlsx(this.regionId ?? ''))
  }

  /** weapp: a temporary file path for Taro.openDocument. */
  exportGapsFile(): Promise<string> {
    return this.fileExport.run(() => this.api.coverageGapsXlsxFile(this.regionId ?? ''))
  }

  private fetchGapPage(regionId: string): FetchPage<HouseholdSummary> {
    return (page) => this.api.coverageGaps(regionId, page, GAP_PAGE_SIZE)
  }
}

export const coverageStore: StoreFactory<CoverageStore> = ({ api }) => new CoverageStore(api)
