import { flow, makeAutoObservable } from 'mobx'
import type { Me } from '@/contract/auth'
import { ERRORS } from '@/core/errors'
import { formatInvitationCode, INVITATION_LIMITS, INVITATION_STATUS_LABELS, looksLikeInvitationCode, normalizeInvitationCode, type InvitationStatus, type StaffRole } from '@/core/membership'
import type { Invitation, InvitationInput, InvitationPreview } from '@/contract/invitations'
import { ApiError, type Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import { errorMessage, type LoadState } from './load-state'
import type { MeHolder } from './residence-store'
import type { StoreFactory } from './store-context'
import { Submission, type Outcome } from './submission'

export type InvitationApi = Pick<Api, 'createInvitation' | 'invitations' | 'revokeInvitation' | 'invitationPreview' | 'acceptInvitation'>

/** The form as typed: numbers stay text until sent, so that nothing typed is lost on an error. */
export interface InvitationDraft {
  role: StaffRole | null
  regionId: string | null
  maxUses: string
  expiresInHours: string
}

const INVITATION_ERROR_CODES = [
  'INVITATION_NOT_FOUND', 'INVITATION_EXPIRED', 'INVITATION_USED_UP', 'INVITATION_REVOKED', 'INVITATION_INVALID',
  'INVITATION_ALREADY_ACCEPTED', 'INVITATION_NOT_ALLOWED',
] as const

/** The invited person reads the same Chinese sentence for each refusal whatever the server's wording of the day. */
export function invitationErrorMessage(error: unknown): string {
  if (error instanceof ApiError && (INVITATION_ERROR_CODES as readonly string[]).includes(error.code)) {
    return ERRORS[error.code as (typeof INVITATION_ERROR_CODES)[number]]
  }
  return errorMessage(error)
}

/** Invitation QR codes carry `<PUBLIC_BASE_URL>/join/<code>`. */
const JOIN_PATH = /\/join\/([A-Za-z0-9-]{4,32})(?:[/?#]|$)/

/**
 * The invitation code in the join page's params: `code` from the H5 redirect of /join/<code> and our own links,
 * `q` (the URL-encoded link) from WeChat's 普通链接二维码. Null when neither holds one.
 */
export function invitationCodeFromParams(params: Partial<Record<string, string>>): string | null {
  const direct = params.code ? normalizeInvitationCode(safeDecode(params.code)) : ''
  if (direct) return direct
  if (!params.q) return null
  const link = JOIN_PATH.exec(safeDecode(params.q.trim()))
  return link ? normalizeInvitationCode(link[1]) : null
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    // A link cut short mid-escape (%E4%B8) is read as it stands rather than lost.
    return text
  }
}

const emptyDraft = (): InvitationDraft => ({ role: null, regionId: null, maxUses: '1', expiresInHours: String(INVITATION_LIMITS.defaultHours) })

/** Staff invitations: creating and revoking them (admins, cadres), and previewing and accepting one (the invited). */
export class InvitationStore {
  draft: InvitationDraft = emptyDraft()
  /** What the form itself finds wrong before sending. */
  problem: string | null = null
  /** The invitation just made: its QR code and code are shown until the next one. */
  created: Invitation | null = null
  readonly list = new LatestLoad<{ items: Invitation[] }>()
  listRegionId: string | null = null
  previewCode: string | null = null
  accepted = false
  private readonly creation = new Submission()
  private readonly revocation = new Submission()
  private readonly previewLoad = new LatestLoad<InvitationPreview>()
  private readonly acceptance = new Submission()

  constructor(private readonly api: InvitationApi, private readonly session: MeHolder) {
    makeAutoObservable<InvitationStore, 'api' | 'session' | 'creation' | 'revocation' | 'previewLoad' | 'acceptance'>(this, {
      api: false, session: false, list: false, creation: false, revocation: false, previewLoad: false, acceptance: false,
    })
  }

  get items(): Invitation[] {
    return this.list.value?.items ?? []
  }

  get creating(): boolean {
    return this.creation.busy
  }

  get createError(): string | null {
    return this.problem ?? invitationErrorOf(this.creation)
  }

  get revokeError(): string | null {
    return this.revocation.error
  }

  get preview(): InvitationPreview | null {
    return this.previewLoad.value
  }

  get previewState(): LoadState {
    return this.previewLoad.state
  }

  get previewError(): string | null {
    return invitationErrorOf(this.previewLoad)
  }

  /** Why the code could not be previewed, by its code (INVITATION_NOT_FOUND …), so the page can say what to do. */
  get previewErrorCode(): string | null {
    const failure = this.previewLoad.failure
    if (failure === null) return null
    return failure instanceof ApiError ? failure.code : 'UNKNOWN'
  }

  get accepting(): boolean {
    return this.acceptance.busy
  }

  get acceptError(): string | null {
    return invitationErrorOf(this.acceptance)
  }

  /** The code a link or QR carries, from the join page's params; null when it carries none. */
  codeIn(params: Partial<Record<string, string>>): string | null {
    return invitationCodeFromParams(params)
  }

  /** A code as it is read out and typed: ABCD-EFGH. */
  codeText(code: string): string {
    return formatInvitationCode(code)
  }

  statusText(status: InvitationStatus): string {
    return INVITATION_STATUS_LABELS[status]
  }

  /** The reasons the form cannot be sent yet, in words. */
  get draftProblems(): string[] {
    const problems: string[] = []
    if (!this.draft.role) problems.push('请选择角色')
    if (!this.draft.regionId) problems.push('请选择区域')
    const uses = Number(this.draft.maxUses)
    if (!Number.isInteger(uses) || uses < 1 || uses > INVITATION_LIMITS.maxUses) problems.push(`使用次数应为 1 到 ${INVITATION_LIMITS.maxUses} 之间的整数`)
    const hours = Number(this.draft.expiresInHours)
    if (!Number.isInteger(hours) || hours < 1 || hours > INVITATION_LIMITS.maxHours) problems.push(`有效期应为 1 到 ${INVITATION_LIMITS.maxHours} 小时`)
    return problems
  }

  reset(): void {
    this.draft = emptyDraft()
    this.problem = null
    this.creation.clear()
    this.created = null
    this.list.clear()
    this.listRegionId = null
    this.revocation.clear()
    this.clearPreview()
    this.acceptance.clear()
  }

  updateDraft(change: Partial<InvitationDraft>): void {
    // A region fits one role's level only: choosing another role asks for the region again.
    const roleChanged = change.role !== undefined && change.role !== this.draft.role
    this.draft = { ...this.draft, ...(roleChanged ? { regionId: null } : {}), ...change }
    this.problem = null
    this.creation.dismiss()
  }

  loadList(regionId?: string): Promise<boolean> {
    this.listRegionId = regionId ?? null
    return this.list.load(() => this.api.invitations())
  }

  create = flow(function* (this: InvitationStore) {
    if (this.creating) return false
    const problems = this.draftProblems
    if (problems.length > 0 || !this.draft.role || !this.draft.regionId) {
      this.problem = problems.join('；')
      return false
    }
    this.problem = null
    const input: InvitationInput = {
      role: this.draft.role, regionId: this.draft.regionId,
      maxUses: Number(this.draft.maxUses), expiresInHours: Number(this.draft.expiresInHours),
    }
    const made: Outcome<Invitation> = yield this.creation.run(() => this.api.createInvitation(input))
    if (!made.ok) return false
    const invitation = made.value
    this.created = invitation
    this.list.set({ items: [invitation, ...this.items.filter((i) => i.code !== invitation.code)] })
    return true
  })

  revoke = flow(function* (this: InvitationStore, code: string) {
    const revoked: Outcome<Invitation> = yield this.revocation.run(() => this.api.revokeInvitation(code))
    if (!revoked.ok) return false
    this.list.set({ items: this.items.map((i) => (i.code === code ? revoked.value : i)) })
    if (this.created?.code === code) this.created = revoked.value
    return true
  })

  /** What a typed or scanned code is for, before accepting it. A code that cannot be one is refused without asking. */
  loadPreview(typed: string): Promise<boolean> {
    const code = normalizeInvitationCode(typed)
    this.previewCode = code
    this.acceptance.dismiss()
    this.accepted = false
    if (!looksLikeInvitationCode(code)) {
      this.previewLoad.fail(new ApiError('INVITATION_NOT_FOUND', ERRORS.INVITATION_NOT_FOUND, 404))
      return Promise.resolve(false)
    }
    return this.previewLoad.load(() => this.api.invitationPreview(code))
  }

  clearPreview(): void {
    this.previewLoad.clear()
    this.previewCode = null
    this.acceptance.dismiss()
    this.accepted = false
  }

  /** Resolves true once the role is granted; the session's `me` then holds it. */
  accept = flow(function* (this: InvitationStore) {
    const code = this.previewCode
    if (!code || this.accepting) return false
    const granted: Outcome<{ me: Me }> = yield this.acceptance.run(() => this.api.acceptInvitation(code))
    if (!granted.ok) return false
    this.session.replaceMe(granted.value.me)
    this.accepted = true
    return true
  })
}

/** The invitation words for what failed, whatever the server's wording of the day. */
function invitationErrorOf(attempt: { failure: unknown }): string | null {
  return attempt.failure === null ? null : invitationErrorMessage(attempt.failure)
}

export const invitationStore: StoreFactory<InvitationStore> = ({ api, session }) => new InvitationStore(api, session)
