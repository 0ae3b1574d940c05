import type { HouseholdDetail, HouseholdSummary } from '#contract/households'
import { maskName, maskPhone } from '#core/masking'
import type { Config } from '../../config'
import { FieldCipher } from '../../crypto/field-cipher'
import type { HouseholdRecord } from './repo'

export const phoneCipher = (config: Config) => new FieldCipher(config.sessionSecret, 'household-phone')

/** Names and phones leave the server masked; the full phone is only ever decrypted here, to be masked. */
export class HouseholdView {
  constructor(private readonly phones: FieldCipher) {}

  summary(h: HouseholdRecord): HouseholdSummary {
    return {
      id: h.id, code: h.code, regionId: h.regionId, gridName: h.gridName, address: h.address,
      headName: maskName(h.headName), phoneMasked: this.maskedPhone(h), tags: h.tags, memberCount: h.memberCount,
    }
  }

  detail(h: HouseholdRecord): HouseholdDetail {
    return {
      ...this.summary(h),
      labelVersion: h.labelVersion,
      firstVisitAt: h.firstVisitAt?.toISOString() ?? null,
      lastVisitAt: h.lastVisitAt?.toISOString() ?? null,
      pledgedAt: h.pledgedAt?.toISOString() ?? null,
      appInstalled: h.appInstalled,
      callWarningOn: h.callWarningOn,
      geo: h.geoLat !== null && h.geoLng !== null ? { lat: h.geoLat, lng: h.geoLng } : null,
    }
  }

  private maskedPhone(h: HouseholdRecord): string | null {
    if (h.phoneEnc) {
      try {
        return maskPhone(this.phones.decrypt(h.phoneEnc))
      } catch {
        // A phone sealed under another secret still shows what the row keeps in the clear.
      }
    }
    return h.phoneLast4 ? `****${h.phoneLast4}` : null
  }
}
