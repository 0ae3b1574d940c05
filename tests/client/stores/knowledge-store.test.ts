import type { FraudTypeArticle } from '@/contract/knowledge'
import { ApiError } from '@/services/api-client'
import { KnowledgeStore } from '@/stores/knowledge-store'
import { FakeApi } from '../support/fake-api'

const anArticle = (overrides: Partial<FraudTypeArticle> = {}): FraudTypeArticle => ({
  fraudType: 'rebate_task', name: '刷单返利', summary: '先给小甜头，再要大本金', signs: ['先返小额佣金'], scripts: ['动动手指就能赚钱'],
  advice: ['刷单就是诈骗'], updatedAt: '2026-11-20T02:00:00Z', relatedBulletins: [], ...overrides,
})

describe('KnowledgeStore', () => {
  it('when the editor saves an article, then the saved article is shown and the draft is closed', async () => {
    const api = new FakeApi()
    api.knowledgeArticle = () => Promise.resolve(anArticle())
    api.saveKnowledgeArticle = (_type, input) => Promise.resolve(anArticle(input))
    const knowledge = new KnowledgeStore(api)
    await knowledge.open('rebate_task')
    knowledge.startEdit()
    knowledge.editDraft({ summary: ' 刷单都是诈骗 ' })

    await knowledge.save()

    expect(knowledge.article?.summary).toBe('刷单都是诈骗')
    expect(knowledge.draft).toBeNull()
    expect(knowledge.saved).toBe(true)
    expect(knowledge.saving).toBe(false)
  })

  it('when the server refuses the save, then the draft stays as typed with the Chinese reason', async () => {
    const api = new FakeApi()
    api.knowledgeArticle = () => Promise.resolve(anArticle())
    api.saveKnowledgeArticle = () => Promise.reject(new ApiError('FORBIDDEN', '您没有权限执行此操作', 403))
    const knowledge = new KnowledgeStore(api)
    await knowledge.open('rebate_task')
    knowledge.startEdit()
    knowledge.editDraft({ summary: '刷单都是诈骗' })

    await knowledge.save()

    expect(knowledge.draft?.summary).toBe('刷单都是诈骗')
    expect(knowledge.saveError).toBe('您没有权限执行此操作')
    expect(knowledge.article?.summary).toBe('先给小甜头，再要大本金')
  })

  it('when a reader opens another type before the first answer arrives, then only the one opened last is shown', async () => {
    const api = new FakeApi()
    let answerFirst!: (article: FraudTypeArticle) => void
    api.knowledgeArticle = (type) => type === 'rebate_task'
      ? new Promise((resolve) => { answerFirst = resolve })
      : Promise.resolve(anArticle({ fraudType: type, name: '冒充客服' }))
    const knowledge = new KnowledgeStore(api)

    const first = knowledge.open('rebate_task')
    await knowledge.open('fake_customer_service')
    answerFirst(anArticle())
    await first

    expect(knowledge.article?.name).toBe('冒充客服')
  })
})
