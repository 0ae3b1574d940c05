import type { DemoPersona, LoginResult, Me } from '@/contract/auth'
import type { RegionImportResult, RegionNode } from '@/contract/regions'
import type { Page } from '@/core/page'
import type { CoverageReport, WorkerProgress } from '@/contract/coverage'
import type { DoorView } from '@/contract/doors'
import type { HouseholdDetail, HouseholdImportResult, HouseholdInput, HouseholdSearch, HouseholdSummary } from '@/contract/households'
import type { LabelIssueResult, LabelSheet } from '@/contract/labels'
import type { PatrolPlan } from '@/contract/patrol'
import type { PledgeInput, PledgeSummary, PledgeTemplate } from '@/contract/pledges'
import type { VisitTask } from '@/contract/visit-tasks'
import type {
  DissuaderLoad, WarningCompliance, WarningDetail, WarningImportResult, WarningInput, WarningListItem, WarningQuery, WarningStepInput,
} from '@/contract/warnings'
import type { SyncBatchResult } from '@/contract/common'
import type { VisitInput } from '@/contract/visits'
import type { BulletinAdminItem, BulletinDetail, BulletinListItem, BulletinVersionItem, PublishInput } from '@/contract/bulletins'
import type { GroupLabelInput, WeChatGroup } from '@/contract/groups'
import type { BulletinReach, CadreForwarding, DailyReach, ShareTreeNode } from '@/contract/reach'
import type { OutboxItem, SubscribeInput } from '@/contract/reminders'
import type { OpenInput, OpenResult, ShareCreated, ShareInput } from '@/contract/shares'
import type { BulletinInput } from '@/core/bulletins'
import type { Api, LabelTarget } from '@/services/api-client'
import type { FraudTypeKey } from '@/core/fraud-types'
import type { PrizeAdminItem, PrizeClaim, PrizeInput, PrizeOffer, RedemptionView } from '@/contract/prizes'
import type {
  AnswerReveal, QuestionImportResult, QuestionQuery, QuizAnswer, QuizPaper, QuizQuestion, QuizQuestionInput, QuizResult, QuizStanding, QuizStart,
  QuizSubmission, VillageLeaderboard,
} from '@/contract/quiz'
import type { FraudTypeArticle, FraudTypeArticleInput, FraudTypeCard, LearnPosterSheet } from '@/contract/knowledge'
import type { Activity, ActivityInput, ActivityListItem, ActivityPhoto, ActivityQuery } from '@/contract/activities'
import type { PreparedPhoto } from '@/services/activity-photos'
import type { Report, ReportQuery } from '@/contract/reports'

import type { Invitation, InvitationInput, InvitationPreview } from '@/contract/invitations'
import type { MyData, PlaceTown, Residence, ResidenceChoice } from '@/contract/residence'
import type { ManagedUser, ManagedUserDetail, RoleMove, RoleRef, UserQuery } from '@/contract/users'

const notFaked = (name: string) => () => Promise.reject(new Error(`FakeApi.${name} is not set up in this test`))

/** A hand-written stand-in for the API client: each test sets only the answers it needs and reads the calls. */
export class FakeApi implements Api {
  householdQueries: HouseholdSearch[] = []
  me: () => Promise<Me> = notFaked('me')
  demoPersonas: () => Promise<{ personas: DemoPersona[] }> = notFaked('demoPersonas')
  demoLogin: (personaId: string) => Promise<LoginResult> = notFaked('demoLogin')
  wechatLogin: (code: string) => Promise<LoginResult> = notFaked('wechatLogin')
  logout: () => Promise<void> = () => Promise.resolve()
  regionTree: () => Promise<{ nodes: RegionNode[] }> = notFaked('regionTree')
  users: (regionId: string) => Promise<Page<ManagedUser>> = notFaked('users')
  importRegions: (file: Blob, name: string, dryRun: boolean) => Promise<RegionImportResult> = notFaked('importRegions')
  regionImportTemplate: () => Promise<Blob> = notFaked('regionImportTemplate')
  householdPages: (query: HouseholdSearch) => Page<HouseholdSummary> = () => ({ items: [], total: 0 })
  door: (token: string) => Promise<DoorView> = notFaked('door')
  household: (id: string) => Promise<HouseholdDetail> = notFaked('household')
  syncVisits: (visits: VisitInput[]) => Promise<SyncBatchResult> = notFaked('syncVisits')
  pledgeTemplate: () => Promise<PledgeTemplate> = notFaked('pledgeTemplate')
  syncPledges: (pledges: PledgeInput[]) => Promise<SyncBatchResult> = notFaked('syncPledges')
  householdPledges: (householdId: string) => Promise<{ items: PledgeSummary[] }> = notFaked('householdPledges')
  pledgeSvg: (id: string) => Promise<string> = notFaked('pledgeSvg')
  patrolToday: (gridId: string, size?: number) => Promise<PatrolPlan> = () => Promise.resolve({ items: [], tasks: [] })
  completeVisitTask: (id: string, note: string) => Promise<VisitTask> = notFaked('completeVisitTask')
  coverage: (regionId: string) => Promise<CoverageReport> = notFaked('coverage')
  myGridProgress: () => Promise<WorkerProgress> = notFaked('myGridProgress')
  coverageGaps: (regionId: string, page: number, pageSize: number) => Promise<Page<HouseholdSummary>> = notFaked('coverageGaps')
  coverageGapsXlsx: (regionId: string) => Promise<Blob> = notFaked('coverageGapsXlsx')
  coverageGapsXlsxFile: (regionId: string) => Promise<string> = notFaked('coverageGapsXlsxFile')
  labelSheet: (target: LabelTarget) => Promise<LabelSheet> = notFaked('labelSheet')
  issueLabels: (target: LabelTarget, reissue: boolean) => Promise<LabelIssueResult> = notFaked('issueLabels')
  createHousehold: (input: HouseholdInput) => Promise<HouseholdDetail> = notFaked('createHousehold')
  updateHousehold: (id: string, input: HouseholdInput) => Promise<HouseholdDetail> = notFaked('updateHousehold')
  revealPhone: (id: string) => Promise<{ phone: string }> = notFaked('revealPhone')
  importHouseholds: (file: Blob, name: string, dryRun: boolean, onUpload?: (fraction: number) => void) => Promise<HouseholdImportResult> =
    notFaked('importHouseholds')
  householdImportTemplate: () => Promise<Blob> = notFaked('householdImportTemplate')

  publicBulletins: (page: number, pageSize: number) => Promise<Page<BulletinListItem>> = notFaked('publicBulletins')
  publicBulletin: (id: string) => Promise<BulletinDetail> = notFaked('publicBulletin')
  createShare: (bulletinId: string, input: ShareInput) => Promise<ShareCreated> = notFaked('createShare')
  recordOpen: (input: OpenInput) => Promise<OpenResult> = () => Promise.resolve({ counted: true, group: null })
  absoluteUrl = (path: string): string => `https://api.test${path}`
  manageBulletins: (regionId: string, page: number, pageSize: number) => Promise<Page<BulletinAdminItem>> = notFaked('manageBulletins')
  bulletin: (id: string) => Promise<BulletinDetail> = notFaked('bulletin')
  createBulletin: (input: BulletinInput) => Promise<BulletinDetail> = notFaked('createBulletin')
  updateBulletin: (id: string, input: BulletinInput) => Promise<BulletinDetail> = notFaked('updateBulletin')
  publishBulletin: (id: string, input: PublishInput) => Promise<BulletinDetail> = notFaked('publishBulletin')
  retractBulletin: (id: string, reason: string) => Promise<BulletinDetail> = notFaked('retractBulletin')
  bulletinVersions: (id: string) => Promise<BulletinVersionItem[]> = () => Promise.resolve([])
  groups: (regionId: string, unlabelled?: boolean) => Promise<WeChatGroup[]> = notFaked('groups')
  labelGroup: (id: string, input: GroupLabelInput) => Promise<WeChatGroup> = notFaked('labelGroup')
  bulletinReach: (id: string, withinHours: number) => Promise<BulletinReach> = notFaked('bulletinReach')
  shareTree: (id: string) => Promise<ShareTreeNode[]> = () => Promise.resolve([])
  dailyReach: (regionId: string, from: string, to: string) => Promise<DailyReach[]> = () => Promise.resolve([])
  cadreForwarding: (regionId: string, days: number) => Promise<CadreForwarding[]> = () => Promise.resolve([])
  subscribe: (input: SubscribeInput) => Promise<{ remaining: number }> = notFaked('subscribe')
  outbox: (regionId: string, status?: OutboxItem['status']) => Promise<OutboxItem[]> = () => Promise.resolve([])

  knowledgeCards: () => Promise<FraudTypeCard[]> = notFaked('knowledgeCards')
  knowledgeArticle: (fraudType: FraudTypeKey) => Promise<FraudTypeArticle> = notFaked('knowledgeArticle')
  saveKnowledgeArticle: (fraudType: FraudTypeKey, input: FraudTypeArticleInput) => Promise<FraudTypeArticle> = notFaked('saveKnowledgeArticle')
  learnPosters: (fraudTypes: readonly FraudTypeKey[], path: boolean) => Promise<LearnPosterSheet> = notFaked('learnPosters')
  questions: (query: QuestionQuery) => Promise<Page<QuizQuestion>> = notFaked('questions')
  createQuestion: (input: QuizQuestionInput) => Promise<QuizQuestion> = notFaked('createQuestion')
  updateQuestion: (id: string, input: QuizQuestionInput) => Promise<QuizQuestion> = notFaked('updateQuestion')
  importQuestions: (file: Blob, name: string) => Promise<QuestionImportResult> = notFaked('importQuestions')
  questionImportTemplate: () => Promise<Blob> = notFaked('questionImportTemplate')
  startTodayQuiz: (start?: QuizStart) => Promise<QuizPaper> = notFaked('startTodayQuiz')
  answerTodayQuiz: (answer: QuizAnswer) => Promise<AnswerReveal> = notFaked('answerTodayQuiz')
  submitTodayQuiz: (submission: QuizSubmission) => Promise<QuizResult> = notFaked('submitTodayQuiz')
  quizStanding: () => Promise<QuizStanding> = notFaked('quizStanding')
  quizLeaderboard: (villageId?: string, date?: string) => Promise<VillageLeaderboard> = notFaked('quizLeaderboard')
  prizeOffers: () => Promise<PrizeOffer[]> = notFaked('prizeOffers')
  claimPrize: (prizeId: string) => Promise<PrizeClaim> = notFaked('claimPrize')
  myPrizeClaims: () => Promise<PrizeClaim[]> = notFaked('myPrizeClaims')
  managePrizes: (regionId: string) => Promise<PrizeAdminItem[]> = notFaked('managePrizes')
  createPrize: (input: PrizeInput) => Promise<PrizeAdminItem> = notFaked('createPrize')
  updatePrize: (id: string, input: PrizeInput) => Promise<PrizeAdminItem> = notFaked('updatePrize')
  prizeClaim: (code: string) => Promise<RedemptionView> = notFaked('prizeClaim')
  redeemPrizeClaim: (code: string) => Promise<RedemptionView> = notFaked('redeemPrizeClaim')

  createWarning: (input: WarningInput) => Promise<WarningDetail> = notFaked('createWarning')
  importWarnings: (file: Blob, name: string) => Promise<WarningImportResult> = notFaked('importWarnings')
  warningImportTemplate: () => Promise<Blob> = notFaked('warningImportTemplate')
  warnings: (query: WarningQuery) => Promise<Page<WarningListItem>> = notFaked('warnings')
  warningCompliance: (regionId: string, from?: string, to?: string) => Promise<WarningCompliance> = notFaked('warningCompliance')
  myWarnings: () => Promise<WarningListItem[]> = notFaked('myWarnings')
  warning: (id: string) => Promise<WarningDetail> = notFaked('warning')
  warningStep: (id: string, input: WarningStepInput) => Promise<WarningDetail> = notFaked('warningStep')
  reassignWarning: (id: string, assigneeId: string) => Promise<WarningDetail> = notFaked('reassignWarning')
  revealWarningPhone: (id: string) => Promise<{ phone: string }> = notFaked('revealWarningPhone')
  dissuaders: (regionId: string) => Promise<DissuaderLoad[]> = notFaked('dissuaders')

  reportQueries: ReportQuery[] = []
  reportAnswer: (query: ReportQuery) => Promise<Report> = notFaked('report')
  reportSummary: (query: ReportQuery) => Promise<string> = notFaked('reportSummary')
  reportXlsx: (query: ReportQuery) => Promise<Blob> = notFaked('reportXlsx')
  reportXlsxFile: (query: ReportQuery) => Promise<string> = notFaked('reportXlsxFile')

  report = (query: ReportQuery): Promise<Report> => {
    this.reportQueries.push(query)
    return this.reportAnswer(query)
  }

  activities: (query: ActivityQuery) => Promise<Page<ActivityListItem>> = notFaked('activities')
  activity: (id: string) => Promise<Activity> = notFaked('activity')
  createActivity: (input: ActivityInput) => Promise<Activity> = notFaked('createActivity')
  updateActivity: (id: string, input: ActivityInput) => Promise<Activity> = notFaked('updateActivity')
  deleteActivity: (id: string) => Promise<void> = notFaked('deleteActivity')
  deleteActivityPhoto: (activityId: string, photoId: string) => Promise<void> = notFaked('deleteActivityPhoto')
  uploadActivityPhoto: (activityId: string, prepared: PreparedPhoto, onUpload?: (fraction: number) => void) => Promise<ActivityPhoto> =
    notFaked('uploadActivityPhoto')
  activityPhotoSrc: (path: string) => Promise<string> = (path) => Promise.resolve(`blob:${path}`)

  places: () => Promise<{ towns: PlaceTown[] }> = notFaked('places')
  myResidence: () => Promise<{ residence: Residence | null }> = () => Promise.resolve({ residence: null })
  bindResidence: (input: ResidenceChoice) => Promise<{ residence: Residence; me: Me }> = notFaked('bindResidence')
  leaveResidence: () => Promise<void> = notFaked('leaveResidence')
  myData: () => Promise<MyData> = notFaked('myData')
  demoSignup: (displayName: string) => Promise<LoginResult> = notFaked('demoSignup')
  createInvitation: (input: InvitationInput) => Promise<Invitation> = notFaked('createInvitation')
  invitations: () => Promise<{ items: Invitation[] }> = () => Promise.resolve({ items: [] })
  revokeInvitation: (code: string) => Promise<Invitation> = notFaked('revokeInvitation')
  invitationPreview: (code: string) => Promise<InvitationPreview> = notFaked('invitationPreview')
  acceptInvitation: (code: string) => Promise<{ me: Me }> = notFaked('acceptInvitation')
  managedUsers: (query: UserQuery) => Promise<Page<ManagedUser>> = notFaked('managedUsers')
  managedUser: (id: string) => Promise<ManagedUserDetail> = notFaked('managedUser')
  removeUserRole: (id: string, role: RoleRef) => Promise<ManagedUserDetail> = notFaked('removeUserRole')
  moveUserRole: (id: string, move: RoleMove) => Promise<ManagedUserDetail> = notFaked('moveUserRole')
  deactivateUser: (id: string) => Promise<ManagedUserDetail> = notFaked('deactivateUser')
  reactivateUser: (id: string) => Promise<ManagedUserDetail> = notFaked('reactivateUser')

  households = async (query: HouseholdSearch): Promise<Page<HouseholdSummary>> => {
    this.householdQueries.push(query)
    return this.householdPages(query)
  }
}
