import type { Kysely } from 'kysely'
import type { FraudTypeKey } from '@/core/fraud-types'
import { countyIdOf } from '@/core/regions'
import { contactDueAt, isOutcome, type RiskLevel, type WarningSourceKey, type WarningState } from '@/core/warnings'
import { testConfig } from '../../../server/src/config'
import type { DB } from '../../../server/src/db/schema'
import { phoneCipher } from '../../../server/src/modules/households/household-view'

export interface WarningOptions {
  regionId: string
  /** Any user: the admin who took the warning in. */
  createdBy: string
  assigneeId?: string | null
  householdId?: string | null
  residentName?: string
  phone?: string
  address?: string
  fraudType?: FraudTypeKey
  riskLevel?: RiskLevel
  source?: WarningSourceKey
  amountAtRisk?: number | null
  receivedAt?: Date
  /** Defaults to receivedAt plus the test config's limit for the risk level. */
  contactDueAt?: Date
  state?: WarningState
  /** Defaults to 5 minutes after receipt for any state past 待处置. */
  firstContactAt?: Date | null
  /** Defaults to 20 minutes after receipt for an outcome. */
  closedAt?: Date | null
  lossAmount?: number | null
  escalatedAt?: Date | null
}

/**
 * A warning written straight into the table, in any state, with its phone sealed as the server seals it, so that
 * reminder, visit-task and report tests need not walk the steps. No events are written.
 */
export async function aWarning(db: Kysely<DB>, opts: WarningOptions): Promise<{ id: string; phone: string }> {
  const region = await db.selectFrom('regions').select('path').where('id', '=', opts.regionId).executeTakeFirstOrThrow()
  const config = testConfig()
  const phone = opts.phone ?? '13812341234'
  const riskLevel = opts.riskLevel ?? 'high'
  const state = opts.state ?? 'pending'
  const receivedAt = opts.receivedAt ?? new Date()
  const minutesAfter = (n: number) => new Date(receivedAt.getTime() + n * 60_000)
  const row = await db.insertInto('warnings').values({
    county_id: countyIdOf(region.path),
    region_id: opts.regionId,
    household_id: opts.householdId ?? null,
    resident_name: opts.residentName ?? '刘大爷',
    phone_enc: phoneCipher(config).encrypt(phone),
    phone_last4: phone.slice(-4),
    address: opts.address ?? '东胜村幸福路12号',
    fraud_type: opts.fraudType ?? 'fake_police',
    risk_level: riskLevel,
    source: opts.source ?? 'instruction',
    amount_at_risk: opts.amountAtRisk ?? null,
    received_at: receivedAt,
    contact_due_at: opts.contactDueAt ?? contactDueAt(receivedAt, riskLevel, config.warningTimeLimits),
    assignee_id: opts.assigneeId ?? null,
    state,
    first_contact_at: opts.firstContactAt !== undefined ? opts.firstContactAt : state === 'pending' ? null : minutesAfter(5),
    closed_at: opts.closedAt !== undefined ? opts.closedAt : isOutcome(state) ? minutesAfter(20) : null,
    loss_amount: opts.lossAmount ?? (state === 'defrauded' ? 5000 : null),
    escalated_at: opts.escalatedAt ?? null,
    created_by: opts.createdBy,
    created_at: receivedAt,
  }).returning('id').executeTakeFirstOrThrow()
  return { id: row.id, phone }
}
