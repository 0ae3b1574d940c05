import Taro, { useRouter } from '@tarojs/taro'
import { fireEvent, screen } from '@testing-library/react'
import type { FraudTypeArticle, FraudTypeCard } from '@/contract/knowledge'
import { ApiError } from '@/services/api-client'
import ArticlePage from '@/pages/article/index'
import LearnPage from '@/pages/learn/index'
import { FakeApi } from '../../support/fake-api'
import { aRootStore, renderWithStores } from '../../support/root'

const aCard = (over: Partial<FraudTypeCard> = {}): FraudTypeCard => ({
  fraudType: 'rebate_task', name: '刷单返利', summary: '先给小甜头，再骗大钱', ...over,
})

const anArticle = (over: Partial<FraudTypeArticle> = {}): FraudTypeArticle => ({
  fraudType: 'rebate_task',
  name: '刷单返利',
  summary: '先给小甜头，再骗大钱',
  signs: ['要求先垫付'],
  scripts: ['动动手指日赚三百'],
  advice: ['刷单本身就违法'],
  updatedAt: '2026-11-20T08:00:00Z',
  relatedBulletins: [{ id: 'b1', title: '柏林镇11月19日警情通报', bulletinDate: '2026-11-19' }],
  ...over,
})

function renderLearn(api: FakeApi) {
  renderWithStores(<LearnPage />, aRootStore(api))
}

/** The article page as 学习 opens it: `?type=rebate_task`. */
function renderArticle(api: FakeApi, pagesBehind = 1) {
  jest.mocked(useRouter).mockReturnValue({ params: { type: 'rebate_task' } } as never)
  jest.mocked(Taro.getCurrentPages).mockReturnValue(Array.from({ length: pagesBehind + 1 }, () => ({})) as never)
  renderWithStores(<ArticlePage />, aRootStore(api))
}

describe('学防骗 page', () => {
  beforeEach(() => jest.clearAllMocks())
  afterEach(() => { jest.mocked(useRouter).mockReturnValue({ params: {} } as never) })

  it('when a fraud type is tapped, then its article opens as a page of its own, so that back returns to the list', async () => {
    const api = new FakeApi()
    api.knowledgeCards = () => Promise.resolve([aCard(), aCard({ fraudType: 'fake_police', name: '冒充公检法' })])
    renderLearn(api)

    fireEvent.click(await screen.findByText('冒充公检法'))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/article/index?type=fake_police' })
  })

  it('when an article page opens, then its 识别要点, 典型话术 and 防范提示 are shown', async () => {
    const api = new FakeApi()
    api.knowledgeArticle = (type) => Promise.resolve(anArticle({ fraudType: type }))
    renderArticle(api)

    expect(await screen.findByText('识别要点')).toBeTruthy()
    expect(screen.getByText('1. 要求先垫付')).toBeTruthy()
    expect(screen.getByText('典型话术')).toBeTruthy()
    expect(screen.getByText('1. 动动手指日赚三百')).toBeTruthy()
    expect(screen.getByText('防范提示')).toBeTruthy()
  })

  it('when a related bulletin is tapped, then the bulletin page opens with its id', async () => {
    const api = new FakeApi()
    api.knowledgeArticle = () => Promise.resolve(anArticle())
    renderArticle(api)

    fireEvent.click(await screen.findByText('柏林镇11月19日警情通报'))

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/bulletin/index?id=b1' })
  })

  it('when 返回全部骗局类型 is tapped, then the page goes back to the library list', async () => {
    const api = new FakeApi()
    api.knowledgeArticle = () => Promise.resolve(anArticle())
    renderArticle(api)
    await screen.findByText('识别要点')

    fireEvent.click(screen.getByText('返回全部骗局类型'))

    expect(Taro.navigateBack).toHaveBeenCalled()
  })

  it('when an article opened from a shared link has nothing behind it, then 返回全部骗局类型 opens the 学习 tab', async () => {
    const api = new FakeApi()
    api.knowledgeArticle = () => Promise.resolve(anArticle())
    renderArticle(api, 0)

    fireEvent.click(await screen.findByText('返回全部骗局类型'))

    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/learn/index' })
  })

  it('when the library fails to load, then the reason and 重试 are shown, and 重试 loads it again', async () => {
    const api = new FakeApi()
    let calls = 0
    api.knowledgeCards = () => {
      calls++
      return calls === 1 ? Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0)) : Promise.resolve([aCard()])
    }
    renderLearn(api)

    fireEvent.click(await screen.findByText('重试'))

    expect(await screen.findByText('刷单返利')).toBeTruthy()
    expect(calls).toBe(2)
  })

  it('when the library is empty, then a Chinese empty state says so', async () => {
    const api = new FakeApi()
    api.knowledgeCards = () => Promise.resolve([])
    renderLearn(api)

    expect(await screen.findByText('还没有防骗知识')).toBeTruthy()
  })
})
