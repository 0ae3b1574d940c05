import Taro from '@tarojs/taro'
import type { ErrorBody } from '@/core/errors'
import type { AnswerOf, InputOf } from '@/contract/endpoint'
import type { EndpointKey, Endpoints } from '@/contract/endpoints'
import type {
  DemoPersona, ImportRowError, LoginResult, Me, Page, RegionImportResult, RegionNode, UserSummary,
} from '@/core/api-types'
import type { HouseholdDetail, HouseholdInput, HouseholdSearch, HouseholdSummary } from '@/contract/households'
import type { DoorView, PatrolPlan, PledgeInput, PledgeTemplate } from '@/core/door-to-door-api'
import type { CoverageReport, LabelSheet, PledgeSummary, WorkerProgress } from '@/core/door-to-door-api'
import type { SyncBatchResult } from '@/contract/common'
import type { VisitInput } from '@/contract/visits'
import type { HouseholdImportResult } from '@/core/households'
import type { FraudTypeArticleInput } from '@/contract/knowledge'
import type {
  BulletinAdminItem, BulletinDetail, BulletinInput, BulletinListItem, BulletinReach, BulletinVersionItem, CadreForwarding,
  DailyReach, GroupLabelInput, OpenInput, OpenResult, OutboxItem, PublishInput, ShareCreated, ShareInput, ShareTreeNode,
  SubscribeInput, WeChatGroup,
} from '@/core/bulletin-api'
import type { FraudTypeKey } from '@/core/fraud-types'
import type { PrizeInput } from '@/contract/prizes'
import type { QuestionImportResult, QuestionQuery, QuizAnswer, QuizQuestionInput, QuizStart, QuizSubmission } from '@/contract/quiz'
import type {
  DissuaderLoad, RiskLevel, WarningCompliance, WarningDetail, WarningImportResult, WarningInput, WarningListItem, WarningState, WarningStepInput,
  VisitTask,
} from '@/core/warning-api'
import type { ReportQuery } from '@/contract/reports'
import type { ActivityInput, ActivityPhoto, ActivityQuery } from '@/contract/activities'
import type {
  Invitation, InvitationInput, InvitationPreview, ManagedUser, ManagedUserDetail, MyData, PlaceTown, Residence, ResidenceInput,
  RoleMove, RoleRef, UserQuery,
} from '@/core/membership-api'
import type { PreparedPhoto } from './activity-photos'
import type { TokenStore } from './token-storage'

export class ApiError extends Error {
  /** `details`: the server's per-field reasons, e.g. which case of a bulletin is incomplete. */
  constructor(readonly code: string, message: string, readonly status: number, readonly details?: unknown) {
    super(message)
    this.name = 'ApiError'
  }
}

export const NETWORK_ERROR_MESSAGE = '网络不可用，请检查网络后重试'
const UNKNOWN_ERROR_MESSAGE = '服务器开小差了，请稍后再试'

/** Codes after which the stored token is worthless: drop it so the next screen asks to sign in again. */
const TOKEN_DEAD_CODES = new Set(['AUTH_INVALID', 'AUTH_EXPIRED', 'USER_DEACTIVATED'])

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
type Query = Record<string, string | number | boolean | undefined>

export interface HttpResponse {
  statusCode: number
  data: unknown
}

/** What the client needs from Taro.request; tests pass a fake. */
export type HttpRequest = (options: {
  url: string
  method: Method
  data?: unknown
  header: Record<string, string>
  /** 'text' for a body that is not JSON, e.g. an SVG. */
  dataType?: 'json' | 'text'
}) => Promise<HttpResponse>

const taroRequest: HttpRequest = (options) => Taro.request({ ...options, dataType: options.dataType ?? 'json' })

/** The input may be left out only when the endpoint declares none. */
type CallArgs<K extends EndpointKey> = Partial<InputOf<Endpoints[K]>> extends InputOf<Endpoints[K]> ? [input?: InputOf<Endpoints[K]>] : [input: InputOf<Endpoints[K]>]

/**
 * What stores depend on: the client's named calls, so that tests can hand in a fake. Each is a one-liner over
 * `call`, which stays out of the surface so that a fake need not understand endpoint keys.
 */
export type Api = Omit<ApiClient, 'call'>

export class ApiClient {
  constructor(
    private readonly tokens: TokenStore,
    private readonly baseUrl: string = API_BASE_URL,
    private readonly http: HttpRequest = taroRequest,
  ) {}

  /**
   * Calls one endpoint of the contract: the key names method and path, `input` fills the path parameters, query
   * and body it declares, and the answer has its declared type, so a wrong URL, body or answer does not compile.
   */
  call<K extends EndpointKey>(key: K, ...[input]: CallArgs<K>): Promise<AnswerOf<Endpoints[K]>> {
    const [method, pattern] = key.split(' ') as [Method, string]
    const { params, query, body } = (input ?? {}) as { params?: Record<string, string>; query?: Query; body?: unknown }
    const path = pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params![name]!))
    return this.request(method, path, body, query)
  }

  me(): Promise<Me> {
    return this.request('GET', '/api/me')
  }

  demoPersonas(): Promise<{ personas: DemoPersona[] }> {
    return this.request('GET', '/api/auth/demo-personas')
  }

  demoLogin(personaId: string): Promise<LoginResult> {
    return this.request('POST', '/api/auth/demo-login', { personaId })
  }

  wechatLogin(code: string): Promise<LoginResult> {
    return this.request('POST', '/api/auth/wechat-login', { code })
  }

  logout(): Promise<void> {
    return this.request('POST', '/api/auth/logout')
  }

  regionTree(): Promise<{ nodes: RegionNode[] }> {
    return this.request('GET', '/api/regions/tree')
  }

  /** A grid worker's search, or an admin's with filters. */
  households(query: HouseholdSearch): Promise<Page<HouseholdSummary>> {
    return this.call('GET /api/households', { query })
  }

  users(regionId: string, page = 1, pageSize = 50): Promise<Page<UserSummary>> {
    return this.request('GET', '/api/users', undefined, { regionId, page, pageSize })
  }

  door(token: string): Promise<DoorView> {
    return this.request('GET', `/api/doors/${encodeURIComponent(token)}`)
  }

  household(id: string): Promise<HouseholdDetail> {
    return this.call('GET /api/households/:id', { params: { id } })
  }

  syncVisits(visits: VisitInput[]): Promise<SyncBatchResult> {
    return this.call('POST /api/visits/batch', { body: { visits } })
  }

  pledgeTemplate(): Promise<PledgeTemplate> {
    return this.request('GET', '/api/pledges/template')
  }

  syncPledges(pledges: PledgeInput[]): Promise<SyncBatchResult> {
    return this.request('POST', '/api/pledges/batch', { pledges })
  }

  householdPledges(householdId: string): Promise<{ items: PledgeSummary[] }> {
    return this.request('GET', '/api/pledges', undefined, { householdId })
  }

  /** The signed pledge as SVG markup. */
  pledgeSvg(id: string): Promise<string> {
    return this.request('GET', `/api/pledges/${encodeURIComponent(id)}/svg`, undefined, undefined, 'text')
  }

  patrolToday(gridId: string, size?: number): Promise<PatrolPlan> {
    return this.request('GET', '/api/patrol/today', undefined, { gridId, size })
  }

  completeVisitTask(id: string, note: string): Promise<VisitTask> {
    return this.request('POST', `/api/visit-tasks/${encodeURIComponent(id)}/done`, { note })
  }

  /** H5 only: the browser's fetch carries the multipart body that Taro.request cannot. */
  async importRegions(file: Blob, fileName: string, dryRun: boolean): Promise<RegionImportResult> {
    const form = new FormData()
    form.append('file', file, fileName)
    const response = await this.browserFetch(`/api/regions/import${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body: form })
    const data: unknown = await response.json().catch(() => null)
    return this.settle<RegionImportResult>({ statusCode: response.status, data })
  }

  /** H5 only: the template needs the bearer token, so a plain link would not do. */
  regionImportTemplate(): Promise<Blob> {
    return this.browserDownload('/api/regions/import-template')
  }

  coverage(regionId: string): Promise<CoverageReport> {
    return this.request('GET', '/api/coverage', undefined, { regionId })
  }

  myGridProgress(): Promise<WorkerProgress> {
    return this.request('GET', '/api/coverage/my-grids')
  }

  coverageGaps(regionId: string, page: number, pageSize: number): Promise<Page<HouseholdSummary>> {
    return this.request('GET', '/api/coverage/gaps', undefined, { regionId, page, pageSize })
  }

  /** H5 only: the export needs the bearer token, so a plain link would not do. */
  coverageGapsXlsx(regionId: string): Promise<Blob> {
    return this.browserDownload(`/api/coverage/gaps.xlsx${toQueryString({ regionId })}`)
  }

  /** weapp only: the export lands in a temporary file that Taro.openDocument can show. */
  coverageGapsXlsxFile(regionId: string): Promise<string> {
    return this.weappDownload(`/api/coverage/gaps.xlsx${toQueryString({ regionId })}`)
  }

  labelSheet(target: LabelTarget): Promise<LabelSheet> {
    return this.request('GET', '/api/labels/sheet', undefined, labelQuery(target))
  }

  /** With `reissue` the households get new tokens and their old labels stop opening anything. */
  async issueLabels(target: LabelTarget, reissue: boolean): Promise<void> {
    await this.request<unknown>('POST', '/api/labels/issue', { ...target, reissue })
  }

  createHousehold(input: HouseholdInput): Promise<HouseholdDetail> {
    return this.call('POST /api/households', { body: input })
  }

  updateHousehold(id: string, input: HouseholdInput): Promise<HouseholdDetail> {
    return this.call('PUT /api/households/:id', { params: { id }, body: input })
  }

  /** The server writes every reveal to the audit log. */
  revealPhone(id: string): Promise<{ phone: string }> {
    return this.call('POST /api/households/:id/phone', { params: { id } })
  }

  /**
   * H5 only. XMLHttpRequest rather than fetch because only it reports upload progress, which a large file needs.
   * A real import refused for row errors (422 IMPORT_INVALID) comes back as a result listing them, like a dry run.
   */
  async importHouseholds(file: Blob, fileName: string, dryRun: boolean, onUpload?: (fraction: number) => void): Promise<HouseholdImportResult> {
    const form = new FormData()
    form.append('file', file, fileName)
    const response = await this.browserUpload(`/api/households/import?dryRun=${dryRun}`, form, onUpload)
    return this.settleImport<HouseholdImportResult>(response, (errors) => ({ dryRun, rows: 0, created: 0, errors, preview: [] }))
  }

  /** H5 only: the template needs the bearer token, so a plain link would not do. */
  householdImportTemplate(): Promise<Blob> {
    return this.browserDownload('/api/households/import-template')
  }

  /** Public: readable without signing in; the bearer, when there is one, names the reader. */
  publicBulletins(page: number, pageSize: number): Promise<Page<BulletinListItem>> {
    return this.request('GET', '/api/public/bulletins', undefined, { page, pageSize })
  }

  publicBulletin(id: string): Promise<BulletinDetail> {
    return this.request('GET', `/api/public/bulletins/${encodeURIComponent(id)}`)
  }

  createShare(bulletinId: string, input: ShareInput): Promise<ShareCreated> {
    return this.request('POST', `/api/public/bulletins/${encodeURIComponent(bulletinId)}/shares`, input)
  }

  recordOpen(input: OpenInput): Promise<OpenResult> {
    return this.request('POST', '/api/public/opens', input)
  }

  /** Images load through <Image src>, which needs the server's address, not the API's relative path. */
  absoluteUrl(path: string): string {
    return `${this.baseUrl}${path}`
  }

  manageBulletins(regionId: string, page: number, pageSize: number): Promise<Page<BulletinAdminItem>> {
    return this.request('GET', '/api/bulletins/manage', undefined, { regionId, page, pageSize })
  }

  bulletin(id: string): Promise<BulletinDetail> {
    return this.request('GET', `/api/bulletins/${encodeURIComponent(id)}`)
  }

  createBulletin(input: BulletinInput): Promise<BulletinDetail> {
    return this.request('POST', '/api/bulletins', input)
  }

  updateBulletin(id: string, input: BulletinInput): Promise<BulletinDetail> {
    return this.request('PUT', `/api/bulletins/${encodeURIComponent(id)}`, input)
  }

  publishBulletin(id: string, input: PublishInput): Promise<BulletinDetail> {
    return this.request('POST', `/api/bulletins/${encodeURIComponent(id)}/publish`, input)
  }

  retractBulletin(id: string, reason: string): Promise<BulletinDetail> {
    return this.request('POST', `/api/bulletins/${encodeURIComponent(id)}/retract`, { reason })
  }

  bulletinVersions(id: string): Promise<BulletinVersionItem[]> {
    return this.request('GET', `/api/bulletins/${encodeURIComponent(id)}/versions`)
  }

  groups(regionId: string, unlabelled?: boolean): Promise<WeChatGroup[]> {
    return this.request('GET', '/api/groups', undefined, { regionId, unlabelled })
  }

  labelGroup(id: string, input: GroupLabelInput): Promise<WeChatGroup> {
    return this.request('PUT', `/api/groups/${encodeURIComponent(id)}`, input)
  }

  bulletinReach(id: string, withinHours: number): Promise<BulletinReach> {
    return this.request('GET', `/api/bulletins/${encodeURIComponent(id)}/reach`, undefined, { withinHours })
  }

  shareTree(id: string): Promise<ShareTreeNode[]> {
    return this.request('GET', `/api/bulletins/${encodeURIComponent(id)}/tree`)
  }

  dailyReach(regionId: string, from: string, to: string): Promise<DailyReach[]> {
    return this.request('GET', '/api/reach/daily', undefined, { regionId, from, to })
  }

  cadreForwarding(regionId: string, days: number): Promise<CadreForwarding[]> {
    return this.request('GET', '/api/reach/cadres', undefined, { regionId, days })
  }

  subscribe(input: SubscribeInput): Promise<{ remaining: number }> {
    return this.request('POST', '/api/subscriptions', input)
  }

  outbox(regionId: string, status?: OutboxItem['status']): Promise<OutboxItem[]> {
    return this.request('GET', '/api/outbox', undefined, { regionId, status })
  }

  knowledgeCards() {
    return this.call('GET /api/public/knowledge')
  }

  knowledgeArticle(fraudType: FraudTypeKey) {
    return this.call('GET /api/public/knowledge/:fraudType', { params: { fraudType } })
  }

  saveKnowledgeArticle(fraudType: FraudTypeKey, input: FraudTypeArticleInput) {
    return this.call('PUT /api/knowledge/:fraudType', { params: { fraudType }, body: input })
  }

  /** 扫码学习 posters: one per chosen type, plus the learning path when `path`. */
  learnPosters(fraudTypes: readonly FraudTypeKey[], path: boolean) {
    return this.call('GET /api/knowledge/posters', { query: { fraudTypes: fraudTypes.join(','), path } })
  }

  questions(query: QuestionQuery) {
    return this.call('GET /api/questions', { query })
  }

  createQuestion(input: QuizQuestionInput) {
    return this.call('POST /api/questions', { body: input })
  }

  updateQuestion(id: string, input: QuizQuestionInput) {
    return this.call('PUT /api/questions/:id', { params: { id }, body: input })
  }

  /** H5 only. All or nothing: a refusal for row errors (422 IMPORT_INVALID) comes back as a result listing them. */
  async importQuestions(file: Blob, fileName: string): Promise<QuestionImportResult> {
    const form = new FormData()
    form.append('file', file, fileName)
    const response = await this.browserUpload('/api/questions/import', form)
    return this.settleImport<QuestionImportResult>(response, (errors) => ({ imported: 0, errors }))
  }

  /** H5 only: the template needs the bearer token, so a plain link would not do. */
  questionImportTemplate(): Promise<Blob> {
    return this.browserDownload('/api/questions/template.xlsx')
  }

  startTodayQuiz(start: QuizStart = {}) {
    return this.call('POST /api/quiz/today', { body: start })
  }

  answerTodayQuiz(answer: QuizAnswer) {
    return this.call('POST /api/quiz/today/answer', { body: answer })
  }

  submitTodayQuiz(submission: QuizSubmission) {
    return this.call('POST /api/quiz/today/submit', { body: submission })
  }

  quizStanding() {
    return this.call('GET /api/quiz/me')
  }

  /** Without a village the server ranks the caller's own town. */
  quizLeaderboard(villageId?: string, date?: string) {
    return this.call('GET /api/quiz/leaderboard', { query: { villageId, date } })
  }

  prizeOffers() {
    return this.call('GET /api/prizes')
  }

  claimPrize(prizeId: string) {
    return this.call('POST /api/prizes/:id/claims', { params: { id: prizeId } })
  }

  myPrizeClaims() {
    return this.call('GET /api/prizes/my-claims')
  }

  managePrizes(regionId: string) {
    return this.call('GET /api/prizes/manage', { query: { regionId } })
  }

  createPrize(input: PrizeInput) {
    return this.call('POST /api/prizes', { body: input })
  }

  updatePrize(id: string, input: PrizeInput) {
    return this.call('PUT /api/prizes/:id', { params: { id }, body: input })
  }

  prizeClaim(code: string) {
    return this.call('GET /api/prize-claims/:code', { params: { code } })
  }

  redeemPrizeClaim(code: string) {
    return this.call('POST /api/prize-claims/:code/redeem', { params: { code } })
  }

  createWarning(input: WarningInput): Promise<WarningDetail> {
    return this.request('POST', '/api/warnings', input)
  }

  /** H5 only. All or nothing: a refusal for row errors (422 IMPORT_INVALID) comes back as a result listing them. */
  async importWarnings(file: Blob, fileName: string): Promise<WarningImportResult> {
    const form = new FormData()
    form.append('file', file, fileName)
    const response = await this.browserUpload('/api/warnings/import', form)
    return this.settleImport<WarningImportResult>(response, (errors) => ({ imported: 0, errors }))
  }

  /** H5 only: the template needs the bearer token, so a plain link would not do. */
  warningImportTemplate(): Promise<Blob> {
    return this.browserDownload('/api/warnings/template.xlsx')
  }

  warnings(query: WarningQuery): Promise<Page<WarningListItem>> {
    return this.request('GET', '/api/warnings', undefined, { ...query })
  }

  warningCompliance(regionId: string, from?: string, to?: string): Promise<WarningCompliance> {
    return this.request('GET', '/api/warnings/compliance', undefined, { regionId, from, to })
  }

  myWarnings(): Promise<WarningListItem[]> {
    return this.request('GET', '/api/warnings/mine')
  }

  warning(id: string): Promise<WarningDetail> {
    return this.request('GET', `/api/warnings/${encodeURIComponent(id)}`)
  }

  /** A stale `version` is refused with 409 WARNING_STATE_CHANGED. */
  warningStep(id: string, input: WarningStepInput): Promise<WarningDetail> {
    return this.request('POST', `/api/warnings/${encodeURIComponent(id)}/steps`, input)
  }

  reassignWarning(id: string, assigneeId: string): Promise<WarningDetail> {
    return this.request('PUT', `/api/warnings/${encodeURIComponent(id)}/assignee`, { assigneeId })
  }

  /** The assignee only; the server writes every reveal to the audit log. */
  revealWarningPhone(id: string): Promise<{ phone: string }> {
    return this.request('POST', `/api/warnings/${encodeURIComponent(id)}/reveal-phone`)
  }

  dissuaders(regionId: string): Promise<DissuaderLoad[]> {
    return this.request('GET', '/api/warnings/dissuaders', undefined, { regionId })
  }

  report(query: ReportQuery) {
    return this.call('GET /api/reports', { query })
  }

  /** The plain-text 通报 a cadre pastes into a WeChat group. */
  reportSummary(query: ReportQuery): Promise<string> {
    return this.request('GET', '/api/reports/summary.txt', undefined, { ...query }, 'text')
  }

  /** H5 only: the export needs the bearer token, so a plain link would not do. */
  reportXlsx(query: ReportQuery): Promise<Blob> {
    return this.browserDownload(`/api/reports/export.xlsx${toQueryString({ ...query })}`)
  }

  /** weapp only: the export lands in a temporary file that Taro.openDocument can show. */
  reportXlsxFile(query: ReportQuery): Promise<string> {
    return this.weappDownload(`/api/reports/export.xlsx${toQueryString({ ...query })}`)
  }

  activities(query: ActivityQuery) {
    return this.call('GET /api/activities', { query })
  }

  activity(id: string) {
    return this.call('GET /api/activities/:id', { params: { id } })
  }

  createActivity(input: ActivityInput) {
    return this.call('POST /api/activities', { body: input })
  }

  updateActivity(id: string, input: ActivityInput) {
    return this.call('PUT /api/activities/:id', { params: { id }, body: input })
  }

  deleteActivity(id: string): Promise<void> {
    return this.request('DELETE', `/api/activities/${encodeURIComponent(id)}`)
  }

  deleteActivityPhoto(activityId: string, photoId: string): Promise<void> {
    return this.request('DELETE', `/api/activities/${encodeURIComponent(activityId)}/photos/${encodeURIComponent(photoId)}`)
  }

  /** One compressed photo with its thumbnail; `onUpload` hears the fraction sent. */
  async uploadActivityPhoto(activityId: string, prepared: PreparedPhoto, onUpload?: (fraction: number) => void): Promise<ActivityPhoto> {
    const path = `/api/activities/${encodeURIComponent(activityId)}/photos`
    if (prepared.kind === 'blob') {
      const form = new FormData()
      form.append('photo', prepared.photo, 'photo.jpg')
      form.append('thumbnail', prepared.thumbnail, 'thumbnail.jpg')
      return this.settle<ActivityPhoto>(await this.browserUpload(path, form, onUpload))
    }
    const token = this.tokens.get()
    let result: Taro.uploadFile.SuccessCallbackResult
    try {
      const task = Taro.uploadFile({
        url: `${this.baseUrl}${path}`, filePath: prepared.photoPath, name: 'photo', formData: { thumbnail: prepared.thumbnailBase64 },
        header: token ? { Authorization: `Bearer ${token}` } : {},
      })
      task.progress((p) => onUpload?.(p.progress / 100))
      result = await task
    } catch {
      throw new ApiError('NETWORK', NETWORK_ERROR_MESSAGE, 0)
    }
    return this.settle<ActivityPhoto>({ statusCode: result.statusCode, data: parseJson(result.data) })
  }

  /** A photo needs the bearer token, which <Image src> cannot send: it is fetched and shown from a local URL. */
  async activityPhotoSrc(path: string): Promise<string> {
    if (process.env.TARO_ENV !== 'h5') return this.weappDownload(path)
    return URL.createObjectURL(await this.browserDownload(path))
  }

  /** Every town with its villages; public, so that a resident can pick before or after signing in. */
  places(): Promise<{ towns: PlaceTown[] }> {
    return this.request('GET', '/api/places')
  }

  myResidence(): Promise<{ residence: Residence | null }> {
    return this.request('GET', '/api/me/residence')
  }

  /** Binds (or moves) the signed-in person to a village; `me` comes back with the resident role. */
  bindResidence(input: ResidenceInput): Promise<{ residence: Residence; me: Me }> {
    return this.request('PUT', '/api/me/residence', input)
  }

  /** Leaves: the quiz and prize history goes too; anonymous counts stay. */
  leaveResidence(): Promise<void> {
    return this.request('DELETE', '/api/me/residence')
  }

  myData(): Promise<MyData> {
    return this.request('GET', '/api/me/data')
  }

  /** Demo mode only: a brand-new user with no roles, as a first-time visitor would be. */
  demoSignup(displayName: string): Promise<LoginResult> {
    return this.request('POST', '/api/auth/demo-signup', { displayName })
  }

  createInvitation(input: InvitationInput): Promise<Invitation> {
    return this.request('POST', '/api/invitations', input)
  }

  invitations(regionId?: string): Promise<{ items: Invitation[] }> {
    return this.request('GET', '/api/invitations', undefined, { regionId })
  }

  revokeInvitation(code: string): Promise<Invitation> {
    return this.request('POST', `/api/invitations/${encodeURIComponent(code)}/revoke`)
  }

  invitationPreview(code: string): Promise<InvitationPreview> {
    return this.request('GET', `/api/invitations/${encodeURIComponent(code)}`)
  }

  acceptInvitation(code: string): Promise<{ me: Me }> {
    return this.request('POST', `/api/invitations/${encodeURIComponent(code)}/accept`)
  }

  /** GET /api/users with the management filters: the people in the caller's scope, with their roles there. */
  managedUsers(query: UserQuery): Promise<Page<ManagedUser>> {
    return this.request('GET', '/api/users', undefined, { ...query })
  }

  managedUser(id: string): Promise<ManagedUserDetail> {
    return this.request('GET', `/api/users/${encodeURIComponent(id)}`)
  }

  removeUserRole(id: string, role: RoleRef): Promise<ManagedUserDetail> {
    return this.request('POST', `/api/users/${encodeURIComponent(id)}/roles/remove`, role)
  }

  moveUserRole(id: string, move: RoleMove): Promise<ManagedUserDetail> {
    return this.request('POST', `/api/users/${encodeURIComponent(id)}/roles/move`, move)
  }

  deactivateUser(id: string): Promise<ManagedUserDetail> {
    return this.request('POST', `/api/users/${encodeURIComponent(id)}/deactivate`)
  }

  reactivateUser(id: string): Promise<ManagedUserDetail> {
    return this.request('POST', `/api/users/${encodeURIComponent(id)}/reactivate`)
  }

  private async weappDownload(path: string): Promise<string> {
    const token = this.tokens.get()
    let result: Taro.downloadFile.FileSuccessCallbackResult
    try {
      result = await Taro.downloadFile({ url: `${this.baseUrl}${path}`, header: token ? { Authorization: `Bearer ${token}` } : {} })
    } catch {
      throw new ApiError('NETWORK', NETWORK_ERROR_MESSAGE, 0)
    }
    if (result.statusCode !== 200) this.settle<never>({ statusCode: result.statusCode, data: null })
    return result.tempFilePath
  }

  private async browserDownload(path: string): Promise<Blob> {
    const response = await this.browserFetch(path, { method: 'GET' })
    if (response.ok) return response.blob()
    const data: unknown = await response.json().catch(() => null)
    return this.settle<never>({ statusCode: response.status, data })
  }

  private browserUpload(path: string, body: FormData, onUpload?: (fraction: number) => void): Promise<HttpResponse> {
    const token = this.tokens.get()
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', `${this.baseUrl}${path}`)
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onUpload?.(event.loaded / event.total)
      }
      // Some browsers never report a computable length; the end of the upload still tells the wait is the server's.
      xhr.upload.onload = () => onUpload?.(1)
      xhr.onload = () => resolve({ statusCode: xhr.status, data: parseJson(xhr.responseText) })
      xhr.onerror = () => reject(new ApiError('NETWORK', NETWORK_ERROR_MESSAGE, 0))
      xhr.send(body)
    })
  }

  private async browserFetch(path: string, init: RequestInit): Promise<Response> {
    const token = this.tokens.get()
    try {
      return await fetch(`${this.baseUrl}${path}`, { ...init, headers: token ? { Authorization: `Bearer ${token}` } : {} })
    } catch {
      throw new ApiError('NETWORK', NETWORK_ERROR_MESSAGE, 0)
    }
  }

  private async request<T>(method: Method, path: string, body?: unknown, query?: Query, dataType?: 'text'): Promise<T> {
    const token = this.tokens.get()
    const header: Record<string, string> = { 'Content-Type': 'application/json' }
    if (token) header.Authorization = `Bearer ${token}`
    let response: HttpResponse
    try {
      response = await this.http({
        url: `${this.baseUrl}${path}${toQueryString(query)}`,
        method,
        // Fastify refuses an empty body sent as application/json, and WeChat always sends that type on POST.
        data: method === 'GET' ? undefined : (body ?? {}),
        header,
        ...(dataType ? { dataType } : {}),
      })
    } catch {
      throw new ApiError('NETWORK', NETWORK_ERROR_MESSAGE, 0)
    }
    // A refusal is a JSON error body even when text was asked for.
    if (dataType === 'text' && response.statusCode >= 300 && typeof response.data === 'string') {
      response = { ...response, data: parseJson(response.data) }
    }
    return this.settle<T>(response)
  }

  /** An all-or-nothing import refused for row errors (422 IMPORT_INVALID) comes back as a result listing them. */
  private settleImport<T>(response: HttpResponse, refused: (errors: ImportRowError[]) => T): T {
    const { statusCode, data } = response
    if (statusCode === 422 && isErrorBody(data) && data.code === 'IMPORT_INVALID' && Array.isArray(data.details)) {
      return refused(data.details as ImportRowError[])
    }
    return this.settle<T>(response)
  }

  private settle<T>(response: HttpResponse): T {
    const { statusCode, data } = response
    if (statusCode >= 200 && statusCode < 300) return (statusCode === 204 ? undefined : data) as T
    const body = isErrorBody(data) ? data : { code: `HTTP_${statusCode}`, message: UNKNOWN_ERROR_MESSAGE }
    if (statusCode === 401 && TOKEN_DEAD_CODES.has(body.code)) this.tokens.set(null, body.message)
    throw new ApiError(body.code, body.message, statusCode, body.details)
  }
}

function isErrorBody(data: unknown): data is ErrorBody {
  return typeof data === 'object' && data !== null
    && typeof (data as ErrorBody).code === 'string' && typeof (data as ErrorBody).message === 'string'
}

/** Labels for a whole grid, or for households picked from a list. */
export type LabelTarget = { gridId: string } | { householdIds: string[] }

/** GET /api/warnings for admins: the region and filters; overdue first, then by deadline. */
export interface WarningQuery {
  regionId: string
  state?: WarningState
  risk?: RiskLevel
  overdue?: boolean
  assigneeId?: string
  from?: string
  to?: string
  page: number
  pageSize: number
}

function labelQuery(target: LabelTarget): Query {
  return 'gridId' in target ? { gridId: target.gridId } : { householdIds: target.householdIds.join(',') }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function toQueryString(query?: Query): string {
  if (!query) return ''
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}
