import type {
  DemoPersona, HouseholdSummary, LoginResult, Me, Page, RegionImportResult, RegionNode, UserSummary,
} from '@/core/api-types'
import type { Api, HouseholdQuery } from '@/services/api-client'

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

  households = async (query: HouseholdQuery): Promise<Page<HouseholdSummary>> => {
    this.householdQueries.push(query)
    return this.householdPages(query)
  }
}
