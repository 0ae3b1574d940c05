import Taro from '@tarojs/taro'
import type { ErrorBody } from '@/core/errors'
import type { AnswerOf, InputOf } from '@/contract/endpoint'
import type { EndpointKey, Endpoints } from '@/contract/endpoints'
import type { RegionImportResult } from '@/contract/regions'
import type { ImportRowError } from '@/core/import-rows'
import type { Page } from '@/core/page'
import type { HouseholdDetail, HouseholdImportResult, HouseholdInput, HouseholdSearch, HouseholdSummary } from '@/contract/households'
import type { LabelSheetQuery } from '@/contract/labels'
import type { PledgeInput } from '@/contract/pledges'
import type { WarningImportResult, WarningInput, WarningQuery, WarningStepInput } from '@/contract/warnings'
import type { SyncBatchResult } from '@/contract/common'
import type { VisitInput } from '@/contract/visits'
import type { BulletinInput, PublishInput } from '@/contract/bulletins'
import type { GroupLabelInput } from '@/contract/groups'
import type { SubscribeInput } from '@/contract/reminders'
import type { OpenInput, ShareInput } from '@/contract/shares'
import type { OutboxStatus } from '@/core/outbox'
import type { FraudTypeKey } from '@/core/fraud-types'
import type { FraudTypeArticleInput } from '@/contract/knowledge'
import type { PrizeInput } from '@/contract/prizes'
import type { QuestionImportResult, QuestionQuery, QuizAnswer, QuizQuestionInput, QuizStart, QuizSubmission } from '@/contract/quiz'
import type { ReportQuery } from '@/contract/reports'
import type { ActivityInput, ActivityPhoto, ActivityQuery } from '@/contract/activities'
import type { InvitationInput } from '@/contract/invitations'
import type { ResidenceChoice } from '@/contract/residence'
import type { RoleMove, RoleRef, UserQuery } from '@/contract/users'
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
    const { params, query, body } = ((input as unknown) ?? {}) as { params?: Record<string, string>; query?: Query; body?: unknown }
    const path = pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params![name]!))
    return this.request(method, path, body, query)
  }

  me() {
    return this.call('GET /api/me')
  }

  demoPersonas() {
    return this.call('GET /api/auth/demo-personas')
  }

  demoLogin(personaId: string) {
    return this.call('POST /api/auth/demo-login', { body: { personaId } })
  }

  wechatLogin(code: string) {
    return this.call('POST /api/auth/wechat-login', { body: { code } })
  }

  logout(): Promise<void> {
    return this.call('POST /api/auth/logout')
  }

  regionTree() {
    return this.call('GET /api/regions/tree', { query: {} })
  }

  /** A grid worker's search, or an admin's with filters. */
  households(query: HouseholdSearch): Promise<Page<HouseholdSummary>> {
    return this.call('GET /api/households', { query })
  }

  users(regionId: string, page = 1, pageSize = 50) {
    return this.call('GET /api/users', { query: { regionId, page, pageSize } })
  }

  door(token: string) {
    return this.call('GET /api/doors/:token', { params: { token } })
  }

  household(id: string): Promise<HouseholdDetail> {
    return this.call('GET /api/households/:id', { params: { id } })
  }

  syncVisits(visits: VisitInput[]): Promise<SyncBatchResult> {
    return this.call('POST /api/visits/batch', { body: { visits } })
  }

  pledgeTemplate() {
    return this.call('GET /api/pledges/template')
  }

  syncPledges(pledges: PledgeInput[]) {
    return this.call('POST /api/pledges/batch', { body: { pledges } })
  }

  householdPledges(householdId: string) {
    return this.call('GET /api/pledges', { query: { householdId } })
  }

  /** The signed pledge as SVG markup. */
  pledgeSvg(id: string): Promise<string> {
    return this.request('GET', `/api/pledges/${encodeURIComponent(id)}/svg`, undefined, undefined, 'text')
  }

  patrolToday(gridId: string, size?: number) {
    return this.call('GET /api/patrol/today', { query: { gridId, size } })
  }

  completeVisitTask(id: string, note: string) {
    return this.call('POST /api/visit-tasks/:id/done', { params: { id }, body: { note } })
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

  coverage(regionId: string) {
    return this.call('GET /api/coverage', { query: { regionId } })
  }

  myGridProgress() {
    return this.call('GET /api/coverage/my-grids')
  }

  coverageGaps(regionId: string, page: number, pageSize: number) {
    return this.call('GET /api/coverage/gaps', { query: { regionId, page, pageSize } })
  }

  /** H5 only: the export needs the bearer token, so a plain link would not do. */
  coverageGapsXlsx(regionId: string): Promise<Blob> {
    return this.browserDownload(`/api/coverage/gaps.xlsx${toQueryString({ regionId })}`)
  }

  /** weapp only: the export lands in a temporary file that Taro.openDocument can show. */
  coverageGapsXlsxFile(regionId: string): Promise<string> {
    return this.weappDownload(`/api/coverage/gaps.xlsx${toQueryString({ regionId })}`)
  }

  labelSheet(target: LabelTarget) {
    return this.call('GET /api/labels/sheet', { query: labelQuery(target) })
  }

  /** With `reissue` the households get new tokens and their old labels stop opening anything. */
  issueLabels(target: LabelTarget, reissue: boolean) {
    return this.call('POST /api/labels/issue', { body: { ...target, reissue } })
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
  publicBulletins(page: number, pageSize: number) {
    return this.call('GET /api/public/bulletins', { query: { page, pageSize } })
  }

  publicBulletin(id: string) {
    return this.call('GET /api/public/bulletins/:id', { params: { id } })
  }

  createShare(bulletinId: string, input: ShareInput) {
    return this.call('POST /api/public/bulletins/:id/shares', { params: { id: bulletinId }, body: input })
  }

  recordOpen(input: OpenInput) {
    return this.call('POST /api/public/opens', { body: input })
  }

  /** Images load through <Image src>, which needs the server's address, not the API's relative path. */
  absoluteUrl(path: string): string {
    return `${this.baseUrl}${path}`
  }

  manageBulletins(regionId: string, page: number, pageSize: number) {
    return this.call('GET /api/bulletins/manage', { query: { regionId, page, pageSize } })
  }

  bulletin(id: string) {
    return this.call('GET /api/bulletins/:id', { params: { id } })
  }

  createBulletin(input: BulletinInput) {
    return this.call('POST /api/bulletins', { body: input })
  }

  updateBulletin(id: string, input: BulletinInput) {
    return this.call('PUT /api/bulletins/:id', { params: { id }, body: input })
  }

  publishBulletin(id: string, input: PublishInput) {
    return this.call('POST /api/bulletins/:id/publish', { params: { id }, body: input })
  }

  retractBulletin(id: string, reason: string) {
    return this.call('POST /api/bulletins/:id/retract', { params: { id }, body: { reason } })
  }

  bulletinVersions(id: string) {
    return this.call('GET /api/bulletins/:id/versions', { params: { id } })
  }

  groups(regionId: string, unlabelled?: boolean) {
    return this.call('GET /api/groups', { query: { regionId, unlabelled } })
  }

  labelGroup(id: string, input: GroupLabelInput) {
    return this.call('PUT /api/groups/:id', { params: { id }, body: input })
  }

  bulletinReach(id: string, withinHours: number) {
    return this.call('GET /api/bulletins/:id/reach', { params: { id }, query: { withinHours } })
  }

  shareTree(id: string) {
    return this.call('GET /api/bulletins/:id/tree', { params: { id } })
  }

  dailyReach(regionId: string, from: string, to: string) {
    return this.call('GET /api/reach/daily', { query: { regionId, from, to } })
  }

  cadreForwarding(regionId: string, days: number) {
    return this.call('GET /api/reach/cadres', { query: { regionId, days } })
  }

  subscribe(input: SubscribeInput) {
    return this.call('POST /api/subscriptions', { body: input })
  }

  outbox(regionId: string, status?: OutboxStatus) {
    return this.call('GET /api/outbox', { query: { regionId, status } })
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

  createWarning(input: WarningInput) {
    return this.call('POST /api/warnings', { body: input })
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

  warnings(query: WarningQuery) {
    return this.call('GET /api/warnings', { query })
  }

  warningCompliance(regionId: string, from?: string, to?: string) {
    return this.call('GET /api/warnings/compliance', { query: { regionId, from, to } })
  }

  myWarnings() {
    return this.call('GET /api/warnings/mine')
  }

  warning(id: string) {
    return this.call('GET /api/warnings/:id', { params: { id } })
  }

  /** A stale `version` is refused with 409 WARNING_STATE_CHANGED. */
  warningStep(id: string, input: WarningStepInput) {
    return this.call('POST /api/warnings/:id/steps', { params: { id }, body: input })
  }

  reassignWarning(id: string, assigneeId: string) {
    return this.call('PUT /api/warnings/:id/assignee', { params: { id }, body: { assigneeId } })
  }

  /** The assignee only; the server writes every reveal to the audit log. */
  revealWarningPhone(id: string) {
    return this.call('POST /api/warnings/:id/reveal-phone', { params: { id } })
  }

  dissuaders(regionId: string) {
    return this.call('GET /api/warnings/dissuaders', { query: { regionId } })
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
    return this.call('DELETE /api/activities/:id', { params: { id } })
  }

  deleteActivityPhoto(activityId: string, photoId: string): Promise<void> {
    return this.call('DELETE /api/activities/:id/photos/:photoId', { params: { id: activityId, photoId } })
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
  places() {
    return this.call('GET /api/places')
  }

  myResidence() {
    return this.call('GET /api/me/residence')
  }

  /** Binds (or moves) the signed-in person to a village; `me` comes back with the resident role. */
  bindResidence(input: ResidenceChoice) {
    return this.call('PUT /api/me/residence', { body: input })
  }

  /** Leaves: the quiz and prize history goes too; anonymous counts stay. */
  leaveResidence(): Promise<void> {
    return this.call('DELETE /api/me/residence')
  }

  myData() {
    return this.call('GET /api/me/data')
  }

  /** Demo mode only: a brand-new user with no roles, as a first-time visitor would be. */
  demoSignup(displayName: string) {
    return this.call('POST /api/auth/demo-signup', { body: { displayName } })
  }

  createInvitation(input: InvitationInput) {
    return this.call('POST /api/invitations', { body: input })
  }

  /** The invitations of every region the caller may invite to. */
  invitations() {
    return this.call('GET /api/invitations')
  }

  revokeInvitation(code: string) {
    return this.call('POST /api/invitations/:code/revoke', { params: { code } })
  }

  invitationPreview(code: string) {
    return this.call('GET /api/invitations/:code', { params: { code } })
  }

  acceptInvitation(code: string) {
    return this.call('POST /api/invitations/:code/accept', { params: { code } })
  }

  /** GET /api/users with the management filters: the people in the caller's scope, with their roles there. */
  managedUsers(query: UserQuery) {
    return this.call('GET /api/users', { query })
  }

  managedUser(id: string) {
    return this.call('GET /api/users/:id', { params: { id } })
  }

  removeUserRole(id: string, role: RoleRef) {
    return this.call('POST /api/users/:id/roles/remove', { params: { id }, body: role })
  }

  moveUserRole(id: string, move: RoleMove) {
    return this.call('POST /api/users/:id/roles/move', { params: { id }, body: move })
  }

  deactivateUser(id: string) {
    return this.call('POST /api/users/:id/deactivate', { params: { id } })
  }

  reactivateUser(id: string) {
    return this.call('POST /api/users/:id/reactivate', { params: { id } })
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

function labelQuery(target: LabelTarget): LabelSheetQuery {
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
