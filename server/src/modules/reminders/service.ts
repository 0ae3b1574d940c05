import type { OutboxItem, SubscribeInput } from '#contract/reminders'
import { SUBSCRIBE_TEMPLATES } from '#core/outbox'
import { countyIdOf } from '#core/regions'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import type { ReminderRepo } from './repo'

/** The admin page shows the latest messages; older ones only matter in aggregate. */
const OUTBOX_PAGE = 100

export class ReminderService {
  constructor(private readonly ctx: AppContext, private readonly repo: ReminderRepo) {}

  /**
   * Records what requestSubscribeMessage answered. WeChat's one-time subscriptions allow one message per 允许,
   * so each accept adds one send; a refusal changes nothing, the caller just learns what is left.
   */
  async subscribe(caller: SessionUser, input: { templateKey: string; result: SubscribeInput['result'] }): Promise<{ remaining: number }> {
    if (!Object.hasOwn(SUBSCRIBE_TEMPLATES, input.templateKey)) throw new AppError('SUBSCRIBE_TEMPLATE_UNKNOWN', 400)
    const remaining = input.result === 'accept'
      ? await this.repo.addSubscription(caller.id, input.templateKey, this.ctx.now())
      : await this.repo.remaining(caller.id, input.templateKey)
    return { remaining }
  }

  /** Recent reminders to the people in the caller's scope (or the region asked for), with how each one went. */
  async outbox(caller: SessionUser, query: { regionId?: string; status?: OutboxItem['status'] }): Promise<OutboxItem[]> {
    const paths = await scopeFor(caller.roles, 'bulletin.reach', query.regionId, (id) => this.repo.findRegionPath(id))
    const countyIds = [...new Set(paths.map(countyIdOf))]
    return this.repo.list(paths, countyIds, query.status, OUTBOX_PAGE)
  }
}
