import type { Page } from '#core/page'
import { normalisePhone } from '#core/households'
import { countyIdOf, isWithin } from '#core/regions'
import { canActOn, scopePathsFor } from '#core/scope'
import type { DissuaderLoad, WarningCompliance, WarningDetail, WarningImportResult, WarningInput, WarningListItem, WarningStepInput } from '#contract/warnings'
import { assignWarnings, byLoad } from '#core/warning-assignment'
import { creationEvents, reassignmentEvent, stepEvent } from '#core/warning-events'
import { applyStep, checkWarningInput, complianceOf, contactDueAt, type WarningDraft } from '#core/warnings'
import type { AppContext } from '../../context'
import type { AuditEntry } from '../../db/audit-log'
import type { FieldCipher } from '../../crypto/field-cipher'
import { AppError, forbidden, notFound, outOfScope } from '../../errors'
import { rowInScope, scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import { phoneCipher } from '../households/household-view'
import type { WarningRepo, DissuaderRow, NewWarning, StoredWarning, WarningCriteria, WarningDispatch } from './repo'
import { checkWarningRows } from './warning-import'
import { readWarningFile, warningTemplate } from './warning-sheet'
import { WarningView } from './warning-view'

const DAY_MS = 24 * 3600_000
/** A dissuader's queue keeps what they closed this past week, to add a note or a return visit. */
const MINE_CLOSED_DAYS = 7
const DEFAULT_COMPLIANCE_DAYS = 30
const MAX_COMPLIANCE_DAYS = 366

export class WarningService {
  private readonly view: WarningView
  private readonly phones: FieldCipher

  constructor(private readonly ctx: AppContext, private readonly repo: WarningRepo) {
    // Sealed like households' phones, so that a door's phone and a warning's phone are handled the same way everywhere.
    this.phones = phoneCipher(ctx.config)
    this.view = new WarningView(this.phones)
  }

  /** Assigned by hand to a dissuader of the region, or automatically to its least loaded one. */
  async create(caller: SessionUser, input: WarningDraft): Promise<WarningDetail> {
    this.requireAction(caller, 'warning.manage')
    const problems = checkWarningInput(input, this.ctx.now())
    if (problems.length > 0) throw new AppError('WARNING_INVALID', 400, `预警信息不符合要求：${problems.map((p) => p.message).join('；')}`, problems)
    const region = (await this.repo.regionsByIds([input.regionId])).get(input.regionId)
    if (!region) throw new AppError('REGION_NOT_FOUND', 404, `找不到区域编码“${input.regionId}”`)
    if (!canActOn(caller.roles, 'warning.manage', region.path)) throw outOfScope()
    const household = input.householdCode ? (await this.repo.householdsByCodes([input.householdCode])).get(input.householdCode) : null
    if (household === undefined || (household && !isWithin(household.regionPath, region.path))) throw new AppError('WARNING_HOUSEHOLD_UNKNOWN', 400)
    if (input.assigneeId && !(await this.repo.dissuadersFor(region.path)).some((d) => d.id === input.assigneeId)) {
      throw new AppError('WARNING_ASSIGNEE_INVALID', 400)
    }
    const [id] = await this.insertAll([this.newWarning(input as WarningInput, region.path, household?.id ?? null)], caller.id, this.ctx.now())
    return this.detail(caller, id)
  }

  /** The whole file is checked first; any bad row means nothing is imported and every bad row is named. */
  async import(caller: SessionUser, file: Buffer, fileName: string): Promise<WarningImportResult> {
    this.requireAction(caller, 'warning.manage')
    const now = this.ctx.now()
    const rows = await readWarningFile(file)
    const [regions, households] = await Promise.all([
      this.repo.regionsByIds(rows.map((r) => r.cells['区域编码']).filter(Boolean)),
      this.repo.householdsByCodes(rows.map((r) => r.cells['门牌编号']).filter(Boolean)),
    ])
    const mayManage = (path: string) => canActOn(caller.roles, 'warning.manage', path)
    const { accepted, errors } = checkWarningRows(rows, { regions, households, mayManage, now })
    if (errors.length > 0) throw new AppError('IMPORT_INVALID', 422, `导入文件有 ${errors.length} 行错误，未导入任何预警`, errors)
    const warnings = accepted.map((input) => this.newWarning(input, regions.get(input.regionId)!.path, input.householdCode ? households.get(input.householdCode)!.id : null))
    const audit = { countyId: warnings[0].countyId, actorId: caller.id, action: 'warning.import', targetType: 'warning', targetId: null, detail: { fileName, imported: warnings.length }, at: now }
    await this.insertAll(warnings, caller.id, now, audit)
    return { imported: warnings.length, errors: [] }
  }

  async template(caller: SessionUser): Promise<Buffer> {
    this.requireAction(caller, 'warning.manage')
    return warningTemplate()
  }

  async list(caller: SessionUser, query: WarningCriteria & { regionId?: string; page: number; pageSize: number }): Promise<Page<WarningListItem>> {
    const paths = await scopeFor(caller.roles, 'warning.manage', query.regionId, (id) => this.repo.regionPath(id))
    const now = this.ctx.now()
    const { total, items } = await this.repo.list(paths, query, now, query.page, query.pageSize)
    return { total, items: items.map((w) => this.view.listItem(w, now)) }
  }

  async mine(caller: SessionUser): Promise<WarningListItem[]> {
    const paths = this.requireAction(caller, 'warning.handle')
    const now = this.ctx.now()
    const warnings = await this.repo.assignedTo(caller.id, paths, new Date(now.getTime() - MINE_CLOSED_DAYS * DAY_MS))
    return warnings.map((w) => this.view.listItem(w, now))
  }

  async detail(caller: SessionUser, id: string): Promise<WarningDetail> {
    const warning = await this.visibleWarning(caller, id)
    return this.view.detail(warning, await this.repo.events(id), caller, this.ctx.now())
  }

  /** Anyone who handles warnings of the region may step; a stale version means someone else just did. */
  async step(caller: SessionUser, id: string, input: WarningStepInput): Promise<WarningDetail> {
    const warning = await this.warningFor(caller, 'warning.handle', id)
    if (input.version !== warning.version) throw stateChanged()
    const now = this.ctx.now()
    const result = applyStep(warning, input, now)
    if (!result.ok) throw new AppError(result.code, 400)
    const opensVisitTask = input.step === 'unreachable'
    const written = await this.repo.step({
      warningId: id, version: input.version, next: result.next,
      event: { ...stepEvent(input.step, warning.state, result.next.state, input.note, input.lossAmount), actorId: caller.id, at: now },
      visitTask: opensVisitTask ? { regionId: warning.householdRegionId ?? warning.regionId, countyId: warning.countyId } : null,
    })
    if (!written) throw stateChanged()
    return this.detail(caller, id)
  }

  async reassign(caller: SessionUser, id: string, assigneeId: string): Promise<WarningDetail> {
    const warning = await this.warningFor(caller, 'warning.manage', id)
    const assignee = (await this.repo.dissuadersFor(warning.regionPath)).find((d) => d.id === assigneeId)
    if (!assignee) throw new AppError('WARNING_ASSIGNEE_INVALID', 400)
    await this.repo.reassign(id, assignee.id, { ...reassignmentEvent(warning.assignee !== null, assignee.name), actorId: caller.id, at: this.ctx.now() })
    return this.detail(caller, id)
  }

  /** The full number, for the assignee about to call; every reveal is written to the audit log first. */
  async revealPhone(caller: SessionUser, id: string): Promise<{ phone: string }> {
    const warning = await this.warningFor(caller, 'warning.handle', id)
    if (warning.assignee?.id !== caller.id) throw new AppError('WARNING_NOT_ASSIGNEE', 403)
    await this.repo.audit({
      countyId: warning.countyId, actorId: caller.id, action: 'warning.reveal_phone', targetType: 'warning', targetId: id,
      detail: { regionId: warning.regionId }, at: this.ctx.now(),
    })
    return { phone: this.view.reveal(warning) }
  }

  async compliance(caller: SessionUser, query: { regionId?: string; from?: string; to?: string }): Promise<WarningCompliance> {
    const paths = await scopeFor(caller.roles, 'warning.manage', query.regionId, (id) => this.repo.regionPath(id))
    const now = this.ctx.now()
    const to = query.to ? new Date(query.to) : now
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_COMPLIANCE_DAYS * DAY_MS)
    if (from.getTime() >= to.getTime() || to.getTime() - from.getTime() > MAX_COMPLIANCE_DAYS * DAY_MS) throw new AppError('REPORT_PERIOD_INVALID', 400)
    return complianceOf(await this.repo.deadlines(paths, from, to), now)
  }

  /** Who may be given a warning of the region, least loaded first: the choices for assigning by hand. */
  async dissuaders(caller: SessionUser, regionId: string): Promise<DissuaderLoad[]> {
    const [path] = await scopeFor(caller.roles, 'warning.manage', regionId, (id) => this.repo.regionPath(id))
    return (await this.repo.dissuadersFor(path)).sort(byLoad)
  }

  /** Each warning goes to its chosen dissuader or the least loaded one of its region, counting this batch as load. */
  private insertAll(warnings: NewWarning[], actorId: string, now: Date, audit?: AuditEntry): Promise<string[]> {
    const dispatch = (candidatesOf: (regionPath: string) => DissuaderRow[]): WarningDispatch[] =>
      assignWarnings(warnings, candidatesOf).map((assignment) => ({ assigneeId: assignment.assignee?.id ?? null, events: creationEvents(assignment) }))
    return this.repo.insertAll(warnings, dispatch, actorId, now, audit)
  }

  private newWarning(input: WarningInput, regionPath: string, householdId: string | null): NewWarning {
    const phone = normalisePhone(input.phone)
    const receivedAt = new Date(input.receivedAt)
    return {
      countyId: countyIdOf(regionPath), regionId: input.regionId, regionPath, householdId, residentName: input.residentName.trim(),
      phoneEnc: this.phones.encrypt(phone), phoneLast4: phone.slice(-4), address: input.address.trim(),
      fraudType: input.fraudType, riskLevel: input.riskLevel, source: input.source, amountAtRisk: input.amountAtRisk, receivedAt,
      contactDueAt: contactDueAt(receivedAt, input.riskLevel, this.ctx.config.warningTimeLimits), assigneeId: input.assigneeId,
    }
  }

  private requireAction(caller: SessionUser, action: 'warning.manage' | 'warning.handle'): string[] {
    const paths = scopePathsFor(caller.roles, action)
    if (paths.length === 0) throw forbidden()
    return paths
  }

  /** A warning the caller may read: handled or managed in their regions. Another region's warning looks absent. */
  private async visibleWarning(caller: SessionUser, id: string): Promise<StoredWarning> {
    if (scopePathsFor(caller.roles, 'warning.handle').length === 0 && scopePathsFor(caller.roles, 'warning.manage').length === 0) throw forbidden()
    const warning = await this.repo.find(id)
    const visible = warning && (canActOn(caller.roles, 'warning.handle', warning.regionPath) || canActOn(caller.roles, 'warning.manage', warning.regionPath))
    if (!visible) throw notFound('WARNING_NOT_FOUND')
    return warning
  }

  private warningFor(caller: SessionUser, action: 'warning.manage' | 'warning.handle', id: string): Promise<StoredWarning> {
    return rowInScope(caller.roles, action, () => this.repo.find(id), 'WARNING_NOT_FOUND')
  }
}

const stateChanged = () => new AppError('WARNING_STATE_CHANGED', 409)
