import type { VisitTask } from '#contract/visit-tasks'
import { scopePathsFor } from '#core/scope'
import { canCompleteVisitTask, visitTaskReasonText } from '#core/visit-tasks'
import type { AppContext } from '../../context'
import { AppError, forbidden } from '../../errors'
import type { SessionUser } from '../auth/session-user'
import { HouseholdView, phoneCipher } from '../households/household-view'
import type { VisitTaskRepo, VisitTaskRecord } from './repo'

/** Doors to knock on that did not come from the patrol ranking: listed in patrol plans, closed by a worker. */
export class VisitTaskService {
  private readonly view: HouseholdView

  constructor(private readonly ctx: AppContext, private readonly repo: VisitTaskRepo) {
    this.view = new HouseholdView(phoneCipher(ctx.config))
  }

  /** Open tasks a grid's worker should see: the grid's own and those of the village or town above it. */
  async openForGrid(gridPath: string): Promise<VisitTask[]> {
    return this.present(await this.repo.openAtOrAbove(gridPath))
  }

  /** Marks a task done with the worker's note; done already, it answers the task as it was closed. */
  async done(caller: SessionUser, id: string, note: string): Promise<VisitTask> {
    if (scopePathsFor(caller.roles, 'visit.write').length === 0) throw forbidden()
    const task = await this.repo.findById(id)
    if (!task || !canCompleteVisitTask(caller.roles, task.regionPath)) throw new AppError('VISIT_TASK_NOT_FOUND', 404)
    if (!task.doneAt) await this.repo.markDone(id, caller.id, note.trim(), this.ctx.now())
    const [closed] = await this.present([(await this.repo.findById(id)) ?? task])
    return closed
  }

  private async present(tasks: VisitTaskRecord[]): Promise<VisitTask[]> {
    const households = await this.repo.households(tasks.flatMap((t) => (t.householdId ? [t.householdId] : [])))
    return tasks.map((t) => {
      const household = t.householdId ? households.get(t.householdId) : undefined
      return {
        id: t.id,
        regionId: t.regionId,
        householdId: t.householdId,
        householdCode: household?.code ?? null,
        household: household ? this.view.summary(household) : null,
        address: t.address || household?.address || '',
        reason: t.reason,
        reasonText: visitTaskReasonText(t.reason, t.warning),
        warningId: t.warningId,
        createdAt: t.createdAt.toISOString(),
        doneAt: t.doneAt?.toISOString() ?? null,
      }
    })
  }
}
