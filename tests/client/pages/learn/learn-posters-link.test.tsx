import Taro, { useRouter } from '@tarojs/taro'
import { screen, waitFor } from '@testing-library/react'
import type { FraudTypeKey } from '@/core/fraud-types'
import type { FraudTypeArticle } from '@/contract/knowledge'
import ArticlePage from '@/pages/article/index'
import LearnPage from '@/pages/learn/index'
import { learnTypeFromParams } from '@/stores/knowledge-store'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, renderWithStores } from '../../support/root'

const anArticle = (fraudType: FraudTypeKey): FraudTypeArticle => ({
  fraudType, name: '冒充公检法', summary: '自称警察说你涉案', signs: ['说你涉嫌洗钱'], scripts: ['“我是公安局的”'], advice: ['不存在安全账户'],
  updatedAt: '2026-11-20T08:00:00Z', relatedBulletins: [],
})

describe('opening the learn page from a 扫码学习 poster', () => {
  afterEach(() => { jest.mocked(useRouter).mockReturnValue({ params: {} } as never) })

  it('when the page is opened with ?type=, then that type\'s article page opens over the library without a tap', async () => {
    jest.mocked(useRouter).mockReturnValue({ params: { type: 'fake_police' } } as never)
    const api = new FakeApi()
    api.knowledgeCards = () => Promise.resolve([])

    renderWithStores(<LearnPage />, aRootStore(api))

    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/article/index?type=fake_police' }))
  })

  it('when the article page is opened with ?type=, then that type\'s article is shown', async () => {
    jest.mocked(useRouter).mockReturnValue({ params: { type: 'fake_police' } } as never)
    const api = new FakeApi()
    const opened: FraudTypeKey[] = []
    api.knowledgeArticle = (type) => {
      opened.push(type)
      return Promise.resolve(anArticle(type))
    }

    renderWithStores(<ArticlePage />, aRootStore(api))

    expect(await screen.findByText('1. 不存在安全账户')).toBeTruthy()
    expect(opened).toEqual(['fake_police'])
  })

  it('when WeChat hands over the scanned poster URL as q, then its type is found', () => {
    expect(learnTypeFromParams({ q: encodeURIComponent('https://fz.example.cn/k/romance') })).toBe('romance')
  })

  it('when the type is unknown or the URL is the learning path, then the library list is shown', () => {
    expect(learnTypeFromParams({ type: 'other' })).toBeNull()
    expect(learnTypeFromParams({ type: '<script>' })).toBeNull()
    expect(learnTypeFromParams({ q: encodeURIComponent('https://fz.example.cn/k') })).toBeNull()
  })
})
