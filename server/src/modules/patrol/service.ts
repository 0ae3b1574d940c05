import type { PatrolPlan } from '#contract/patrol'
import { planPatrol } from '#core/patrol-plan'
import { canActOn, scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import { AppError, forbidden, outOfScope } from '../../errors'
import type { SessionUser } from '../auth/session-user'
import { HouseholdView, phoneCipher } from '../households/household-view'
import type { VisitTaskService } from '../visit-tasks/service'
import type { PatrolRepo } from './repo'

export class PatrolService {
  private readonly view: HouseholdView

  constructor(private readonly ctx: AppContext, private readonly tasks: VisitTaskService, private readonly repo: PatrolRepo) {
    this.view = new HouseholdView(phoneCipher(ctx.config))
  }

  /** Today's doors for one grid, with its open door-visit tasks; a worker with a single grid need not name it. */
  async today(caller: SessionUser, query: { gridId?: string; size?: number }): Promise<PatrolPlan> {
    if (scopePathsFor(caller.roles, 'visit.write').length === 0) throw forbidden()
    const workerGrids = caller.roles.filter((r) => r.role === 'grid_worker').map((r) => r.regionId)
    const gridId = query.gridId ?? (workerGrids.length === 1 ? workerGrids[0] : undefined)
    if (!gridId) throw new AppError('PATROL_GRID_REQUIRED', 400)
    const grid = await this.repo.findRegion(gridId)
    if (!grid) throw new AppError('REGION_NOT_FOUND', 404)
    if (grid.level !== 'grid') throw new AppError('PATROL_GRID_REQUIRED', 400)
    if (!canActOn(caller.roles, 'visit.write', grid.path)) throw outOfScope()

    const households = await this.repo.householdsOfGrid(grid.id)
    const candidates = households.map((h) => ({
      ...h,
      geo: h.geoLat !== null && h.geoLng !== null ? { lat: h.geoLat, lng: h.geoLng } : null,
    }))
    const plan = planPatrol(candidates, this.ctx.now(), query.size)
    return {
      items: plan.map(({ candidate, reason }) => ({
        household: this.view.summary(candidate),
        lastVisitAt: candidate.lastVisitAt?.toISOString() ?? null,
        reason,
      })),
      tasks: await this.tasks.openForGrid(grid.path),
    }
  }
}
