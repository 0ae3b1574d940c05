import type { HouseholdImportResult } from '#contract/households'
import { checkImportRows, householdAddressKey, previewOf } from '#core/households'
import { countyIdOf } from '#core/regions'
import { scopePathsFor } from '#core/scope'
import type { AppContext } from '../../context'
import type { FieldCipher } from '../../crypto/field-cipher'
import { AppError, forbidden } from '../../errors'
import type { SessionUser } from '../auth/session-user'
import { readHouseholdFile } from './household-sheet'
import { phoneCipher } from './household-view'
import type { HouseholdRepo } from './repo'

export class HouseholdImport {
  private readonly phones: FieldCipher

  constructor(private readonly ctx: AppContext, private readonly repo: HouseholdRepo) {
    this.phones = phoneCipher(ctx.config)
  }

  /**
   * Checks the whole file first. A dry run answers the findings and a preview without writing; a real import
   * with any bad row writes nothing and answers every row's error; a clean one is stored in one transaction.
   */
  async run(caller: SessionUser, file: Buffer, opts: { dryRun: boolean; fileName: string }): Promise<HouseholdImportResult> {
    if (scopePathsFor(caller.roles, 'household.write').length === 0) throw forbidden()
    const rows = await readHouseholdFile(file)
    const regions = await this.repo.regionsByIds([...new Set(rows.map((r) => r.cells['网格编码']).filter(Boolean))])
    const grids = [...regions].filter(([, r]) => r.level === 'grid').map(([id]) => id)
    const existing = new Set((await this.repo.addressesIn(grids)).map((h) => householdAddressKey(h.regionId, h.address)))
    const { accepted, errors } = checkImportRows(rows, regions, existing, caller.roles)

    if (opts.dryRun) return { dryRun: true, rows: rows.length, created: accepted.length, errors, preview: previewOf(accepted) }
    if (errors.length > 0) throw new AppError('IMPORT_INVALID', 422, `导入文件有 ${errors.length} 行错误，未导入任何数据`, errors)

    const now = this.ctx.now()
    const countyId = countyIdOf(accepted[0].regionPath)
    await this.repo.insertMany(accepted.map((r) => ({
      regionId: r.regionId,
      countyId: countyIdOf(r.regionPath),
      address: r.address,
      headName: r.headName,
      phone: r.phone ? { enc: this.phones.encrypt(r.phone), last4: r.phone.slice(-4) } : null,
      tags: r.tags,
      memberCount: r.memberCount,
      geo: null,
    })), now, {
      countyId, actorId: caller.id, action: 'household.import', targetType: 'household', targetId: null,
      detail: { fileName: opts.fileName, created: accepted.length }, at: now,
    })
    return { dryRun: false, rows: rows.length, created: accepted.length, errors: [], preview: [] }
  }
}
