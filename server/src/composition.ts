import type { FastifyBaseLogger } from 'fastify'
import type { AppContext } from './context'
import { ActivityRepo } from './modules/activities/repo'
import { ActivityService } from './modules/activities/service'
import { DemoLogin } from './modules/auth/demo-login'
import { AuthRepo } from './modules/auth/repo'
import { AuthService } from './modules/auth/service'
import { SessionRepo } from './modules/auth/session-repo'
import { PosterRenderer } from './modules/bulletins/poster'
import { BulletinRepo } from './modules/bulletins/repo'
import { BulletinService } from './modules/bulletins/service'
import { CoverageRepo } from './modules/coverage/repo'
import { CoverageService } from './modules/coverage/service'
import { DoorService } from './modules/doors/service'
import { GroupRepo } from './modules/groups/repo'
import { GroupService } from './modules/groups/service'
import { HealthRepo } from './modules/health/repo'
import { HealthService } from './modules/health/service'
import { HouseholdImport } from './modules/households/household-import'
import { HouseholdRepo } from './modules/households/repo'
import { HouseholdService } from './modules/households/service'
import { InvitationRepo } from './modules/invitations/repo'
import { InvitationService } from './modules/invitations/service'
import { LearnPosterService } from './modules/knowledge/posters'
import { KnowledgeRepo } from './modules/knowledge/repo'
import { KnowledgeService } from './modules/knowledge/service'
import { LabelRepo } from './modules/labels/repo'
import { LabelService } from './modules/labels/service'
import { PatrolRepo } from './modules/patrol/repo'
import { PatrolService } from './modules/patrol/service'
import { PledgeRepo } from './modules/pledges/repo'
import { PledgeService } from './modules/pledges/service'
import { BatchingPrizeRepository } from './modules/prizes/batching-prize-repo'
import { PrizeService } from './modules/prizes/service'
import { QuestionRepo } from './modules/questions/repo'
import { QuestionService } from './modules/questions/service'
import { QuizRepo } from './modules/quiz/repo'
import { QuizService } from './modules/quiz/service'
import { ReachRepo } from './modules/reach/repo'
import { ReachService } from './modules/reach/service'
import { RegionRepo } from './modules/regions/repo'
import { RegionService } from './modules/regions/service'
import { ReminderRepo } from './modules/reminders/repo'
import { ReminderService } from './modules/reminders/service'
import { OutboxWorker } from './modules/reminders/worker'
import { ReportsRepo } from './modules/reports/repo'
import { ReportsService } from './modules/reports/service'
import { ResidenceRepo } from './modules/residence/repo'
import { ResidenceService } from './modules/residence/service'
import { BatchingShareRepository } from './modules/shares/batching-share-repo'
import { ShareService } from './modules/shares/service'
import { UserRepo } from './modules/users/repo'
import { UserService } from './modules/users/service'
import { VisitTaskRepo } from './modules/visit-tasks/repo'
import { VisitTaskService } from './modules/visit-tasks/service'
import { BatchingVisitRepository } from './modules/visits/batching-visit-repo'
import { VisitRepo } from './modules/visits/repo'
import { VisitService } from './modules/visits/service'
import { WarningRepo } from './modules/warnings/repo'
import { WarningService } from './modules/warnings/service'
import { DEMO_PERSONAS } from './seed/demo-personas'

/** Every use case of the server, built once per instance. */
export interface Services {
  activities: ActivityService
  auth: AuthService
  /** Only in AUTH_MODE=demo. */
  demoLogin: DemoLogin | null
  bulletins: BulletinService
  coverage: CoverageService
  doors: DoorService
  groups: GroupService
  health: HealthService
  households: HouseholdService
  householdImport: HouseholdImport
  invitations: InvitationService
  knowledge: KnowledgeService
  learnPosters: LearnPosterService
  labels: LabelService
  patrol: PatrolService
  pledges: PledgeService
  prizes: PrizeService
  questions: QuestionService
  quiz: QuizService
  reach: ReachService
  regions: RegionService
  reminders: ReminderService
  reports: ReportsService
  residence: ResidenceService
  shares: ShareService
  users: UserService
  visitTasks: VisitTaskService
  visits: VisitService
  warnings: WarningService
}

/** What each route plugin is registered with. */
export interface RouteDeps {
  ctx: AppContext
  services: Services
}

/** The services and what runs beside them: started when the server is ready, drained and stopped when it closes. */
export interface ServerRoot {
  services: Services
  start(): Promise<void>
  stop(): Promise<void>
}

/**
 * The composition root: builds every repository, service and background worker once from the context. The
 * batching repositories hold the instance's write coalescers and caches, so a second copy of one would split them.
 */
export function composeServer(ctx: AppContext, log: FastifyBaseLogger): ServerRoot {
  // One of each, shared by the services that read the same tables; the batching ones wrap their SQL repository.
  const repos = {
    activity: new ActivityRepo(ctx.db),
    auth: new AuthRepo(ctx.db),
    bulletin: new BulletinRepo(ctx.db),
    coverage: new CoverageRepo(ctx.db),
    group: new GroupRepo(ctx.db),
    health: new HealthRepo(ctx.db),
    household: new HouseholdRepo(ctx.db),
    invitation: new InvitationRepo(ctx.db),
    knowledge: new KnowledgeRepo(ctx.db),
    label: new LabelRepo(ctx.db),
    patrol: new PatrolRepo(ctx.db),
    pledge: new PledgeRepo(ctx.db),
    prize: new BatchingPrizeRepository(ctx),
    question: new QuestionRepo(ctx.db),
    quiz: new QuizRepo(ctx.db),
    reach: new ReachRepo(ctx.db),
    region: new RegionRepo(ctx.db),
    reminder: new ReminderRepo(ctx.db),
    reports: new ReportsRepo(ctx.db),
    residence: new ResidenceRepo(ctx.db),
    session: new SessionRepo(ctx.db),
    share: new BatchingShareRepository(ctx),
    user: new UserRepo(ctx.db),
    visit: new BatchingVisitRepository(new VisitRepo(ctx.db), ctx.database.kind, ctx.metrics),
    visitTask: new VisitTaskRepo(ctx.db),
    warning: new WarningRepo(ctx.db),
  }
  const auth = new AuthService(ctx, repos.auth, repos.session)
  const visitTasks = new VisitTaskService(ctx, repos.visitTask)
  const services: Services = {
    activities: new ActivityService(ctx, repos.activity),
    auth,
    demoLogin: ctx.config.authMode === 'demo' ? new DemoLogin(repos.auth, auth, DEMO_PERSONAS, ctx.now) : null,
    bulletins: new BulletinService(ctx, new PosterRenderer((message) => log.warn(message)), repos.bulletin),
    coverage: new CoverageService(ctx, repos.coverage),
    doors: new DoorService(ctx, repos.label, repos.household, repos.residence),
    groups: new GroupService(ctx, repos.group),
    health: new HealthService(ctx, repos.health),
    households: new HouseholdService(ctx, repos.household),
    householdImport: new HouseholdImport(ctx, repos.household),
    invitations: new InvitationService(ctx, auth, repos.invitation, repos.user),
    knowledge: new KnowledgeService(ctx, repos.knowledge),
    learnPosters: new LearnPosterService(ctx, repos.knowledge),
    labels: new LabelService(ctx, repos.label, repos.household),
    patrol: new PatrolService(ctx, visitTasks, repos.patrol),
    pledges: new PledgeService(ctx, repos.pledge),
    prizes: new PrizeService(ctx, repos.prize, repos.quiz),
    questions: new QuestionService(ctx, repos.question),
    quiz: new QuizService(ctx, repos.quiz),
    reach: new ReachService(ctx, repos.reach),
    regions: new RegionService(ctx, repos.region),
    reminders: new ReminderService(ctx, repos.reminder),
    reports: new ReportsService(ctx, repos.reports),
    residence: new ResidenceService(ctx, auth, repos.residence, repos.label),
    shares: new ShareService(ctx, repos.share),
    users: new UserService(ctx, repos.user),
    visitTasks,
    visits: new VisitService(ctx, repos.visit),
    warnings: new WarningService(ctx, repos.warning),
  }
  const outbox = ctx.config.outboxWorker ? new OutboxWorker({ ...ctx, log }) : null
  return {
    services,
    async start() {
      await ctx.sessionInvalidation.start()
      await repos.prize.start()
      outbox?.start()
    },
    // Writes still waiting in a coalescer are stored before the database closes.
    async stop() {
      await Promise.all([services.visits.drain(), repos.share.drain()])
      await repos.prize.stop()
      await outbox?.stop()
      await ctx.sessionInvalidation.stop()
    },
  }
}
