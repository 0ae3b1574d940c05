import { KNOWLEDGE_FRAUD_TYPES } from '@/core/knowledge'
import type { FraudTypeKey } from '@/core/fraud-types'
import type { LearnPosterSheet } from '@/contract/knowledge'
import { ApiError } from '@/services/api-client'
import { LearnPosterStore } from '@/stores/learn-poster-store'
import { FakeApi } from '../support/fake-api'

const aSheet = (): LearnPosterSheet => ({
  station: '柏林派出所', hotline: '96110', caption: '扫码学习',
  posters: [{ kind: 'path', fraudType: null, title: '学习路径', summary: '依次学', tips: ['刷单返利', '每日答题'], url: 'https://x.test/k', qrSvg: '<svg/>' }],
})

function aStore(api: FakeApi) {
  const asked: { fraudTypes: readonly FraudTypeKey[]; path: boolean }[] = []
  api.learnPosters = (fraudTypes, path) => {
    asked.push({ fraudTypes: [...fraudTypes], path })
    return Promise.resolve(aSheet())
  }
  return { store: new LearnPosterStore(api), asked }
}

describe('LearnPosterStore', () => {
  it('when nothing has been changed, then every type and the learning path are asked for', async () => {
    const { store, asked } = aStore(new FakeApi())

    await store.generate()

    expect(asked).toEqual([{ fraudTypes: KNOWLEDGE_FRAUD_TYPES.map((t) => t.key), path: true }])
    expect(store.state).toBe('ready')
    expect(store.sheet?.posters).toHaveLength(1)
  })

  it('when types are picked in any order, then they are asked for in the library order', async () => {
    const { store, asked } = aStore(new FakeApi())
    store.chooseNone()
    store.togglePath()
    store.toggle('fake_police')
    store.toggle('rebate_task')

    await store.generate()

    expect(asked).toEqual([{ fraudTypes: ['rebate_task', 'fake_police'], path: false }])
  })

  it('when nothing at all is chosen, then nothing is asked for', async () => {
    const { store, asked } = aStore(new FakeApi())
    store.chooseNone()
    store.togglePath()

    await store.generate()

    expect(store.nothingChosen).toBe(true)
    expect(asked).toEqual([])
    expect(store.state).toBe('idle')
  })

  it('when the choice changes after a preview, then the preview is dropped so it is not printed by mistake', async () => {
    const { store } = aStore(new FakeApi())
    await store.generate()

    store.toggle('fake_loan')

    expect(store.sheet).toBeNull()
    expect(store.state).toBe('idle')
  })

  it('when the server refuses, then its Chinese message is shown', async () => {
    const api = new FakeApi()
    api.learnPosters = () => Promise.reject(new ApiError('KNOWLEDGE_NOT_FOUND', '找不到该类诈骗的介绍', 404))
    const store = new LearnPosterStore(api)

    await store.generate()

    expect(store.state).toBe('error')
    expect(store.error).toBe('找不到该类诈骗的介绍')
  })
})
