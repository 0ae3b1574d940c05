import type { FraudTypeKey } from '#core/fraud-types'
import { maskPhone } from '#core/masking'
import { canActOn } from '#core/scope'
import type { WarningDetail, WarningEvent, WarningListItem } from '#contract/warnings'
import { allowedSteps, contactedInTime, isOverdue, type WarningSourceKey } from '#core/warnings'
import type { FieldCipher } from '../../crypto/field-cipher'
import type { SessionUser } from '../auth/session-user'
import type { StoredEvent, StoredWarning } from './repo'

/** Phones leave the server masked; the full number is decrypted here only to be masked, and by the reveal. */
export class WarningView {
  constructor(private readonly phones: FieldCipher) {}

  listItem(w: StoredWarning, now: Date): WarningListItem {
    return {
      id: w.id, regionId: w.regionId, regionName: w.regionName, residentName: w.residentName, phoneMasked: this.maskedPhone(w), address: w.address,
      fraudType: w.fraudType as FraudTypeKey, riskLevel: w.riskLevel, source: w.source as WarningSourceKey, state: w.state,
      receivedAt: w.receivedAt.toISOString(), contactDueAt: w.contactDueAt.toISOString(), firstContactAt: w.firstContactAt?.toISOString() ?? null,
      closedAt: w.closedAt?.toISOString() ?? null, overdue: isOverdue(w, now), contactedInTime: contactedInTime(w, now), assignee: w.assignee,
      amountAtRisk: w.amountAtRisk, lossAmount: w.lossAmount, version: w.version,
    }
  }

  detail(w: StoredWarning, events: readonly StoredEvent[], caller: SessionUser, now: Date): WarningDetail {
    return {
      ...this.listItem(w, now),
      householdId: w.householdId,
      events: events.map(toEvent),
      canRevealPhone: w.assignee?.id === caller.id,
      allowedSteps: canActOn(caller.roles, 'warning.handle', w.regionPath) ? allowedSteps(w.state) : [],
    }
  }

  reveal(w: StoredWarning): string {
    return this.phones.decrypt(w.phoneEnc)
  }

  private maskedPhone(w: StoredWarning): string {
    try {
      return maskPhone(this.phones.decrypt(w.phoneEnc))
    } catch {
      // A phone sealed under another secret still shows what the row keeps in the clear.
      return `****${w.phoneLast4}`
    }
  }
}

function toEvent(e: StoredEvent): WarningEvent {
  return {
    kind: e.kind as WarningEvent['kind'], fromState: e.fromState as WarningEvent['fromState'], toState: e.toState as WarningEvent['toState'],
    actorName: e.actorName, note: e.note, lossAmount: e.lossAmount, at: e.at.toISOString(),
  }
}
