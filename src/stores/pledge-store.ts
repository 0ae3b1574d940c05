import { flow, makeAutoObservable } from 'mobx'
import type { PledgeInput, PledgeTemplate } from '@/contract/pledges'
import type { LatLng } from '@/core/households'
import { ERRORS } from '@/core/errors'
import { HEAD_RELATION, MEMBER_RELATIONS, SIGNER_CHOICES, SIGNER_CHOICE_LABELS, type MemberRelation, type SignerChoice } from '@/core/pledge-signer'
import { encodeStrokes, validateSignature, type Stroke } from '@/core/strokes'
import { ApiError, type Api } from '@/services/api-client'
import type { OfflineStorage } from '@/services/offline-storage'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
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
  /** The household the form was filled for: another door starts from a blank form. */
  householdId: string | null = null
  private readonly templateLoad = new LatestLoad<PledgeTemplate>()
  private readonly signature = new Submission()

  constructor(private readonly deps: PledgeDeps) {
    // Kept from the last time online, so that a pledge can be signed in a cellar without signal.
    const kept = readTemplate(deps.storage.read(TEMPLATE_STORAGE_KEY))
    if (kept) this.templateLoad.set(kept)
    makeAutoObservable<PledgeStore, 'deps' | 'templateLoad' | 'signature'>(this, {
      deps: false, signerChoices: false, memberRelations: false, templateLoad: false, signature: false,
    })
  }

  get template(): PledgeTemplate | null {
    return this.templateLoad.value
  }

  get templateState(): LoadState {
    return this.templateLoad.state
  }

  get templateError(): string | null {
    const failure = this.templateLoad.failure
    return failure instanceof ApiError && failure.code === 'NETWORK' ? NO_TEMPLATE_MESSAGE : this.templateLoad.error
  }

  get signing(): boolean {
    return this.signature.busy
  }

  /** A half-signed pledge belongs to the worker who started it. */
  /** The template is the same for everyone and stays for signing without signal; the form and its door do not. */
  reset(): void {
    this.startNew()
    this.householdId = null
    this.signature.clear()
  }

  /** A kept template stays when asking fails: the pledge can still be signed without signal. */
  loadTemplate = flow(function* (this: PledgeStore) {
    const fetch = () => this.deps.api.pledgeTemplate()
    const landed: boolean = yield this.template ? this.templateLoad.refresh(fetch) : this.templateLoad.load(fetch)
    if (landed && this.template) this.keepTemplate(this.template)
  })

  private keepTemplate(template: PledgeTemplate): void {
    try {
      this.deps.storage.write(TEMPLATE_STORAGE_KEY, template)
    } catch {
      // Not cached this time: signing still works now, and offline later only if an earlier copy is kept.
    }
  }

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
    const signed: Outcome<string> = yield this.signature.run(async () => {
      const input: PledgeInput = {
        id: await this.deps.newId(),
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
      return input.id
    })
    if (!signed.ok) {
      this.problem = this.signature.error
      return null
    }
    this.startNew()
    return signed.value
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
