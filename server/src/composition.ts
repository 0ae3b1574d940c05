import type { FastifyBaseLogger } from 'fastify'
import type { AppContext } from './context'
import { ActivityService } from './modules/activities/service'
import { DemoLogin } from './modules/auth/demo-login'
import { AuthRepo } from './modules/auth/repo'
import { AuthService } from './modules/auth/service'
import { SessionRepo } from './modules/auth/session-repo'
import { PosterRenderer } from './modules/bulletins/poster'
import { BulletinService } from './modules/bulletins/service'
import { CoverageService } from './modules/coverage/service'
import { DoorService } from './modules/doors/service'
import { GroupService } from './modules/groups/service'
import { HouseholdImport } from './modules/households/household-import'
import { HouseholdService } from './modules/households/service'
import { InvitationService } from './modules/invitations/service'
import { LearnPosterService } from './modules/knowledge/posters'
import { KnowledgeService } from './modules/knowledge/service'
import { LabelService } from './modules/labels/service'
import { PatrolService } from './modules/patrol/service'
import { PledgeService } from './modules/pledges/service'
import { PrizeService } from './modules/prizes/service'
import { QuestionService } from './modules/questions/service'
import { QuizService } from './modules/quiz/service'
import { ReachService } from './modules/reach/service'
import { RegionService } from './modules/regions/service'
import { ReminderService } from './modules/reminders/service'
import { OutboxWorker } from './modules/reminders/worker'
import { ReportsService } from './modules/reports/service'
import { ResidenceService } from './modules/residence/service'
import { ShareService } from './modules/shares/service'
import { UserService } from './modules/users/service'
import { VisitTaskService } from './modules/visit-tasks/service'
import { BatchingVisitRepository } from './modules/visits/batching-visit-repo'
import { VisitRepo } from './modules/visits/repo'
import { VisitService } from './modules/visits/service'
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
 * The composition root: builds every repository, service and background worker once from the context. Services
 * hold the instance's write coalescers and caches, so a second copy of one would split them.
 */
export function composeServer(ctx: AppContext, log: FastifyBaseLogger): ServerRoot {
  const users = new AuthRepo(ctx.db)
  const auth = new AuthService(ctx, users, new SessionRepo(ctx.db))
  const visitTasks = new VisitTaskService(ctx)
  const services: Services = {
    activities: new ActivityService(ctx),
    auth,
    demoLogin: ctx.config.authMode === 'demo' ? new DemoLogin(users, auth, DEMO_PERSONAS, ctx.now) : null,
    bulletins: new BulletinService(ctx, new PosterRenderer((message) => log.warn(message))),
    coverage: new CoverageService(ctx),
    doors: new DoorService(ctx),
    groups: new GroupService(ctx),
    households: new HouseholdService(ctx),
    householdImport: new HouseholdImport(ctx),
    invitations: new InvitationService(ctx, auth),
    knowledge: new KnowledgeService(ctx),
    learnPosters: new LearnPosterService(ctx),
    labels: new LabelService(ctx),
    patrol: new PatrolService(ctx, visitTasks),
    pledges: new PledgeService(ctx),
    prizes: new PrizeService(ctx),
    questions: new QuestionService(ctx),
    quiz: new QuizService(ctx),
    reach: new ReachService(ctx),
    regions: new RegionService(ctx),
    reminders: new ReminderService(ctx),
    reports: new ReportsService(ctx),
    residence: new ResidenceService(ctx, auth),
    shares: new ShareService(ctx),
    users: new UserService(ctx),
    visitTasks,
    visits: new VisitService(ctx, new BatchingVisitRepository(new VisitRepo(ctx.db), ctx.database.kind, ctx.metrics)),
    warnings: new WarningService(ctx),
  }
  const outbox = ctx.config.outboxWorker ? new OutboxWorker({ ...ctx, log }) : null
  return {
    services,
    async start() {
      await ctx.sessionInvalidation.start()
      await services.prizes.start()
      outbox?.start()
    },
    // Writes still waiting in a coalescer are stored before the database closes.
    async stop() {
      await Promise.all([services.visits.drain(), services.shares.drain()])
      await services.prizes.stop()
      await outbox?.stop()
      await ctx.sessionInvalidation.stop()
    },
  }
}
