import { flow, makeAutoObservable } from 'mobx'
import type { PledgeInput, PledgeTemplate } from '@/contract/pledges'
import type { LatLng } from '@/core/households'
import { ERRORS } from '@/core/errors'
import { HEAD_RELATION, MEMBER_RELATIONS, SIGNER_CHOICES, SIGNER_CHOICE_LABELS, type MemberRelation, type SignerChoice } from '@/core/pledge-signer'
import { encodeStrokes, validateSignature, type Stroke } from '@/core/strokes'
import { ApiError, type Api } from '@/services/api-client'
import type { OfflineStorage } from '@/services/offline-storage'
import { errorMessage, type LoadState } from './load-state'
import type { VisitQueueStore } from './visit-queue-store'
import { newUuid } from '@/services/uuid'
import type { StoreFactory } from './store-context'

export const TEMPLATE_STORAGE_KEY = 'xuanfang.pledgeTemplate'
const NO_TEMPLATE_MESSAGE = '承诺书内容还没有下载，请联网后再打开'

export interface PledgeDeps {
  api: Pick<Api, 'pledgeTemplate'>
  storage: OfflineStorage
  queue: VisitQueueStore
  newId: () => Promise<string>
  now: () => Date
}

export interface PledgeHousehold {
  id: string
  code: string
}

/** The pledge being signed at a door: template, signer, signature; signing hands it to the offline queue. */
export class PledgeStore {
  template: PledgeTemplate | null
  templateState: LoadState = 'idle'
  templateError: string | null = null
  /** 户主本人 unless the worker says otherwise: the server then fills in the head's name from the household record. */
  signer: SignerChoice = 'head'
  /** Who may sign, in the order the form offers them (户主本人 first). */
  readonly signerChoices = SIGNER_CHOICES.map((choice) => ({ choice, label: SIGNER_CHOICE_LABELS[choice] }))
  readonly memberRelations = MEMBER_RELATIONS
  /** Typed only for another member. */
  signerName = ''
  relation: MemberRelation | null = null
  /** On the core grid (see src/core/strokes.ts), so that the pad's size on this phone does not matter. */
  strokes: Stroke[] = []
  problem: string | null = null
  signing = false
  /** The household the form was filled for: another door starts from a blank form. */
  householdId: string | null = null

  constructor(private readonly deps: PledgeDeps) {
    // Kept from the last time online, so that a pledge can be signed in a cellar without signal.
    this.template = readTemplate(deps.storage.read(TEMPLATE_STORAGE_KEY))
    makeAutoObservable<PledgeStore, 'deps'>(this, { deps: false, signerChoices: false, memberRelations: false })
  }

  /** A half-signed pledge belongs to the worker who started it. */
  /** The template is the same for everyone and stays for signing without signal; the form and its door do not. */
  reset(): void {
    this.startNew()
    this.householdId = null
    this.signing = false
  }

  loadTemplate = flow(function* (this: PledgeStore) {
    this.templateState = this.template ? 'ready' : 'loading'
    this.templateError = null
    try {
      const template: PledgeTemplate = yield this.deps.api.pledgeTemplate()
      this.template = template
      this.templateState = 'ready'
      try {
        this.deps.storage.write(TEMPLATE_STORAGE_KEY, template)
      } catch {
        // Not cached this time: signing still works now, and offline later only if an earlier copy is kept.
      }
    } catch (e) {
      if (this.template) return
      this.templateState = 'error'
      this.templateError = e instanceof ApiError && e.code === 'NETWORK' ? NO_TEMPLATE_MESSAGE : errorMessage(e)
    }
  })

  setSignerName(name: string): void {
    this.signerName = name
    this.problem = null
  }

  setSigner(signer: SignerChoice): void {
    this.signer = signer
    this.problem = null
  }

  setRelation(relation: MemberRelation): void {
    this.relation = relation
    this.problem = null
  }

  setStrokes(strokes: Stroke[]): void {
    this.strokes = strokes
    this.problem = null
  }

  /** The first thing that stops signing, in the order the page shows the fields; null when all is well. */
  get firstProblem(): string | null {
    if (!this.template) return NO_TEMPLATE_MESSAGE
    if (this.signer === 'member' && (this.signerName.trim() === '' || !this.relation)) return ERRORS.PLEDGE_SIGNER_MISSING
    const signature = validateSignature(this.strokes)
    return signature.ok ? null : signature.reason
  }

  openFor(householdId: string): void {
    if (householdId !== this.householdId) this.startNew()
    this.householdId = householdId
  }

  /** A blank form; the template stays. */
  startNew(): void {
    this.signer = 'head'
    this.signerName = ''
    this.relation = null
    this.strokes = []
    this.problem = null
  }

  /** Queues the signed pledge and returns its id; null (with `problem` set) when something is missing. */
  sign = flow(function* (this: PledgeStore, household: PledgeHousehold, geo: LatLng | null) {
    this.problem = this.firstProblem
    const template = this.template
    if (this.problem || !template || this.signing) return null
    this.signing = true
    try {
      const input: PledgeInput = {
        id: (yield this.deps.newId()) as string,
        householdId: household.id,
        templateVersion: template.version,
        templateSha256: template.sha256,
        ...(this.signer === 'head'
          ? { signer: 'head', signerRelation: HEAD_RELATION }
          : { signer: 'member', signerName: this.signerName.trim(), signerRelation: this.relation ?? '' }),
        strokes: encodeStrokes(this.strokes),
        signedAt: this.deps.now().toISOString(),
        geo,
      }
      this.deps.queue.add({ kind: 'pledge', input, householdCode: household.code, rejection: null })
      this.startNew()
      return input.id
    } catch (e) {
      this.problem = errorMessage(e)
      return null
    } finally {
      this.signing = false
    }
  })
}

function readTemplate(saved: unknown): PledgeTemplate | null {
  if (typeof saved !== 'object' || saved === null) return null
  const t = saved as Partial<PledgeTemplate>
  return typeof t.version === 'number' && typeof t.title === 'string' && typeof t.body === 'string' && typeof t.sha256 === 'string'
    ? (saved as PledgeTemplate)
    : null
}

export const pledgeStore: StoreFactory<PledgeStore> = ({ api, storage, queue, now }) => new PledgeStore({ api, storage, queue, newId: newUuid, now })
