import type {
  DemoPersona, HouseholdSummary, LoginResult, Me, Page, RegionImportResult, RegionNode, UserSummary,
} from '@/core/api-types'
import type { CoverageReport, HouseholdDetail, HouseholdInput, LabelSheet } from '@/core/door-to-door-api'
import type {
  DoorView, PatrolSuggestion, PledgeInput, PledgeTemplate, SyncBatchResult, VisitInput,
} from '@/core/door-to-door-api'
import type { HouseholdImportResult } from '@/core/households'
import type { Api, HouseholdQuery, HouseholdSearch, LabelTarget } from '@/services/api-client'

const notFaked = (name: string) => () => Promise.reject(new Error(`FakeApi.${name} is not set up in this test`))

/** A hand-written stand-in for the API client: each test sets only the answers it needs and reads the calls. */
export class FakeApi implements Api {
  householdQueries: HouseholdQuery[] = []
  me: () => Promise<Me> = notFaked('me')
  demoPersonas: () => Promise<{ personas: DemoPersona[] }> = notFaked('demoPersonas')
  demoLogin: (personaId: string) => Promise<LoginResult> = notFaked('demoLogin')
  wechatLogin: (code: string) => Promise<LoginResult> = notFaked('wechatLogin')
  logout: () => Promise<void> = () => Promise.resolve()
  regionTree: () => Promise<{ nodes: RegionNode[] }> = notFaked('regionTree')
  users: (regionId: string) => Promise<Page<UserSummary>> = notFaked('users')
  importRegions: (file: Blob, name: string, dryRun: boolean) => Promise<RegionImportResult> = notFaked('importRegions')
  regionImportTemplate: () => Promise<Blob> = notFaked('regionImportTemplate')
  householdPages: (query: HouseholdQuery) => Page<HouseholdSummary> = () => ({ items: [], total: 0 })
  door: (token: string) => Promise<DoorView> = notFaked('door')
  household: (id: string) => Promise<HouseholdDetail> = notFaked('household')
  syncVisits: (visits: VisitInput[]) => Promise<SyncBatchResult> = notFaked('syncVisits')
  pledgeTemplate: () => Promise<PledgeTemplate> = notFaked('pledgeTemplate')
  syncPledges: (pledges: PledgeInput[]) => Promise<SyncBatchResult> = notFaked('syncPledges')
  patrolToday: (gridId: string, size?: number) => Promise<{ items: PatrolSuggestion[] }> = () => Promise.resolve({ items: [] })
  coverage: (regionId: string) => Promise<CoverageReport> = notFaked('coverage')
  coverageGaps: (regionId: string, page: number, pageSize: number) => Promise<Page<HouseholdSummary>> = notFaked('coverageGaps')
  coverageGapsXlsx: (regionId: string) => Promise<Blob> = notFaked('coverageGapsXlsx')
  coverageGapsXlsxFile: (regionId: string) => Promise<string> = notFaked('coverageGapsXlsxFile')
  labelSheet: (target: LabelTarget) => Promise<LabelSheet> = notFaked('labelSheet')
  issueLabels: (target: LabelTarget, reissue: boolean) => Promise<void> = notFaked('issueLabels')
  findHouseholds: (query: HouseholdSearch) => Promise<Page<HouseholdSummary>> = notFaked('findHouseholds')
  createHousehold: (input: HouseholdInput) => Promise<HouseholdDetail> = notFaked('createHousehold')
  updateHousehold: (id: string, input: HouseholdInput) => Promise<HouseholdDetail> = notFaked('updateHousehold')
  revealPhone: (id: string) => Promise<{ phone: string | null }> = notFaked('revealPhone')
  importHouseholds: (file: Blob, name: string, dryRun: boolean, onUpload?: (fraction: number) => void) => Promise<HouseholdImportResult> =
    notFaked('importHouseholds')
  householdImportTemplate: () => Promise<Blob> = notFaked('householdImportTemplate')

  households = async (query: HouseholdQuery): Promise<Page<HouseholdSummary>> => {
    this.householdQueries.push(query)
    return this.householdPages(query)
  }
}
