import { flow, makeAutoObservable } from 'mobx'
import type { FraudTypeKey } from '@/core/fraud-types'
import { isKnowledgeFraudType, type KnowledgeFraudType } from '@/core/knowledge'
import type { FraudTypeArticle, FraudTypeArticleInput, FraudTypeCard } from '@/contract/knowledge'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'

/** An article as the editor holds it: one point per line, so a point is never split or merged by accident. */
export interface ArticleDraft {
  summary: string
  signs: string
  scripts: string
  advice: string
}

/** Posters carry `<PUBLIC_BASE_URL>/k/<type>`. */
const POSTER_PATH = /\/k\/([a-z_]+)(?:[/?#]|$)/

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    // A scanned address cut short mid-escape (%E4%B8) is read as it stands rather than lost.
    return text
  }
}

/**
 * The fraud type the learn page should open on: `type` from the H5 redirect of a poster's address, or the type in
 * a scanned poster URL (WeChat's 普通链接二维码 hands it over, encoded, as `q`). Null for anything not a known type.
 */
export function learnTypeFromParams(params: Partial<Record<string, string>>): KnowledgeFraudType | null {
  const candidate = params.type ?? (params.q ? POSTER_PATH.exec(decoded(params.q))?.[1] : undefined)
  return candidate && isKnowledgeFraudType(candidate) ? candidate : null
}

const toLines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)

export function toArticleInput(draft: ArticleDraft): FraudTypeArticleInput {
  return { summary: draft.summary.trim(), signs: toLines(draft.signs), scripts: toLines(draft.scripts), advice: toLines(draft.advice) }
}

/** The fraud-type library residents read, and its editing for the station. */
export class KnowledgeStore {
  draft: ArticleDraft | null = null
  saved = false
  /** The type being read; null on the library list. */
  openType: FraudTypeKey | null = null
  private readonly cardsLoad = new LatestLoad<FraudTypeCard[]>()
  private readonly articleLoad = new LatestLoad<FraudTypeArticle>()
  private readonly articleSave = new Submission()

  constructor(private readonly api: Pick<Api, 'knowledgeCards' | 'knowledgeArticle' | 'saveKnowledgeArticle'>) {
    makeAutoObservable<KnowledgeStore, 'api' | 'cardsLoad' | 'articleLoad' | 'articleSave'>(this, {
      api: false, cardsLoad: false, articleLoad: false, articleSave: false,
    })
  }

  get cards(): FraudTypeCard[] {
    return this.cardsLoad.value ?? []
  }

  get cardsState(): LoadState {
    return this.cardsLoad.state
  }

  get cardsError(): string | null {
    return this.cardsLoad.error
  }

  get article(): FraudTypeArticle | null {
    return this.articleLoad.value
  }

  get articleState(): LoadState {
    return this.articleLoad.state
  }

  get articleError(): string | null {
    return this.articleLoad.error
  }

  get saving(): boolean {
    return this.articleSave.busy
  }

  get saveError(): string | null {
    return this.articleSave.error
  }

  /** The library is public; an editor's unsaved draft is not, and goes with them. */
  reset(): void {
    this.draft = null
    this.articleSave.clear()
    this.saved = false
  }

  async loadCards(): Promise<void> {
    await this.cardsLoad.load(() => this.api.knowledgeCards())
  }

  /** The article a link names, if the library has one of that type; null for a link that names none. */
  articleTypeIn(param: string | undefined): KnowledgeFraudType | null {
    return param && isKnowledgeFraudType(param) ? param : null
  }

  /** The fraud type a poster's link opens the learn page on; null for the library list. */
  posterTypeIn(params: Partial<Record<string, string>>): KnowledgeFraudType | null {
    return learnTypeFromParams(params)
  }

  async open(fraudType: FraudTypeKey): Promise<void> {
    this.openType = fraudType
    await this.articleLoad.load(() => this.api.knowledgeArticle(fraudType))
  }

  retryArticle(): void {
    if (this.openType) void this.open(this.openType)
  }

  /** Editing starts from the article as published. */
  startEdit(): void {
    const a = this.article
    if (!a) return
    this.draft = { summary: a.summary, signs: a.signs.join('\n'), scripts: a.scripts.join('\n'), advice: a.advice.join('\n') }
    this.articleSave.dismiss()
    this.saved = false
  }

  editDraft(patch: Partial<ArticleDraft>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch }
    this.saved = false
  }

  cancelEdit(): void {
    this.draft = null
    this.articleSave.dismiss()
  }

  /** A refused save keeps the draft as typed, so that nothing is lost while the message is read. */
  save = flow(function* (this: KnowledgeStore) {
    const { draft, article } = this
    if (!draft || !article || this.saving) return
    const saved: Outcome<FraudTypeArticle> = yield this.articleSave.run(() => this.api.saveKnowledgeArticle(article.fraudType, toArticleInput(draft)))
    if (!saved.ok) return
    this.articleLoad.set(saved.value)
    this.draft = null
    this.saved = true
  })
}
