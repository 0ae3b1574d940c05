import { flow, makeAutoObservable, observable } from 'mobx'
import type { FraudTypeKey } from '@/core/fraud-types'
import { isKnowledgeFraudType, type KnowledgeFraudType } from '@/core/knowledge'
import type { FraudTypeArticle, FraudTypeArticleInput, FraudTypeCard } from '@/core/resident-api'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'

/** An article as the editor holds it: one point per line, so a point is never split or merged by accident. */
export interface ArticleDraft {
  summary: string
  signs: string
  scripts: string
  advice: string
}

const toLines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)

export function toArticleInput(draft: ArticleDraft): FraudTypeArticleInput {
  return { summary: draft.summary.trim(), signs: toLines(draft.signs), scripts: toLines(draft.scripts), advice: toLines(draft.advice) }
}

/** The fraud-type library residents read, and its editing for the station. */
export class KnowledgeStore {
  cards: FraudTypeCard[] = []
  cardsState: LoadState = 'idle'
  cardsError: string | null = null
  article: FraudTypeArticle | null = null
  articleState: LoadState = 'idle'
  articleError: string | null = null
  draft: ArticleDraft | null = null
  saving = false
  saveError: string | null = null
  saved = false
  /** The type being read; null on the library list. */
  openType: FraudTypeKey | null = null

  constructor(private readonly api: Pick<Api, 'knowledgeCards' | 'knowledgeArticle' | 'saveKnowledgeArticle'>) {
    makeAutoObservable<KnowledgeStore, 'api'>(this, { api: false, cards: observable.ref, article: observable.ref })
  }

  /** The library is public; an editor's unsaved draft is not, and goes with them. */
  reset(): void {
    this.draft = null
    this.saving = false
    this.saveError = null
    this.saved = false
  }

  loadCards = flow(function* (this: KnowledgeStore) {
    this.cardsState = 'loading'
    this.cardsError = null
    try {
      this.cards = yield this.api.knowledgeCards()
      this.cardsState = 'ready'
    } catch (e) {
      this.cardsState = 'error'
      this.cardsError = errorMessage(e)
    }
  })

  /** The article a link names, if the library has one of that type; null for a link that names none. */
  articleTypeIn(param: string | undefined): KnowledgeFraudType | null {
    return param && isKnowledgeFraudType(param) ? param : null
  }

  open = flow(function* (this: KnowledgeStore, fraudType: FraudTypeKey) {
    this.openType = fraudType
    this.articleState = 'loading'
    this.articleError = null
    try {
      const article: FraudTypeArticle = yield this.api.knowledgeArticle(fraudType)
      if (this.openType !== fraudType) return
      this.article = article
      this.articleState = 'ready'
    } catch (e) {
      if (this.openType !== fraudType) return
      this.articleState = 'error'
      this.articleError = errorMessage(e)
    }
  })

  retryArticle(): void {
    if (this.openType) void this.open(this.openType)
  }

  /** Editing starts from the article as published. */
  startEdit(): void {
    const a = this.article
    if (!a) return
    this.draft = { summary: a.summary, signs: a.signs.join('\n'), scripts: a.scripts.join('\n'), advice: a.advice.join('\n') }
    this.saveError = null
    this.saved = false
  }

  editDraft(patch: Partial<ArticleDraft>): void {
    if (this.draft) this.draft = { ...this.draft, ...patch }
    this.saved = false
  }

  cancelEdit(): void {
    this.draft = null
    this.saveError = null
  }

  /** A refused save keeps the draft as typed, so that nothing is lost while the message is read. */
  save = flow(function* (this: KnowledgeStore) {
    if (!this.draft || !this.article || this.saving) return
    this.saving = true
    this.saveError = null
    try {
      this.article = yield this.api.saveKnowledgeArticle(this.article.fraudType, toArticleInput(this.draft))
      this.draft = null
      this.saved = true
    } catch (e) {
      this.saveError = errorMessage(e)
    } finally {
      this.saving = false
    }
  })
}
