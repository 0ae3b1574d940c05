import type { GroupLabelInput, WeChatGroup } from '@/contract/groups'
import { ApiError } from '@/services/api-client'
import { GroupStore } from '@/stores/group-store'
import { FakeApi } from '../support/fake-api'

const aGroup = (overrides: Partial<WeChatGroup> = {}): WeChatGroup => ({
  id: 'g1', name: null, tier: null, regionId: null, regionName: null, ownerId: null, ownerName: null,
  firstSeenAt: '2026-11-29T00:00:00Z', labelledAt: null, ...overrides,
})

describe('GroupStore', () => {
  it('when an unlabelled group is labelled, then it is saved with the village and replaces the old row', async () => {
    const api = new FakeApi()
    api.groups = () => Promise.resolve([aGroup()])
    const sent: GroupLabelInput[] = []
    api.labelGroup = (id, input) => {
      sent.push(input)
      return Promise.resolve(aGroup({ id, ...input, ownerId: 'u2', labelledAt: '2026-11-29T01:00:00Z' }))
    }
    const store = new GroupStore(api)
    await store.load('v1')

    store.startLabel(store.groups[0], 'v1')
    store.setForm({ name: ' 东胜村平安群 ', tier: 1 })
    await store.saveLabel()

    expect(sent).toEqual([{ name: '东胜村平安群', tier: 1, regionId: 'v1' }])
    expect(store.groups[0].name).toBe('东胜村平安群')
    expect(store.editingId).toBeNull()
  })

  it('when the name or type is missing, then nothing is sent and the form says what to fill in', async () => {
    const api = new FakeApi()
    api.groups = () => Promise.resolve([aGroup()])
    const labelGroup = jest.fn()
    api.labelGroup = labelGroup
    const store = new GroupStore(api)
    await store.load('v1')

    store.startLabel(store.groups[0], 'v1')
    await store.saveLabel()

    expect(labelGroup).not.toHaveBeenCalled()
    expect(store.formError).toBe('请填写群名称、类型和所属村社')
  })

  it('when only unlabelled groups are asked for, then the list reloads with that filter', async () => {
    const api = new FakeApi()
    const asked: (boolean | undefined)[] = []
    api.groups = (_regionId, unlabelled) => {
      asked.push(unlabelled)
      return Promise.resolve([])
    }
    const store = new GroupStore(api)
    await store.load('v1')

    await store.showUnlabelledOnly(true)

    expect(asked).toEqual([undefined, true])
  })

  it('when saving the label is refused, then the server message shows and the form stays open', async () => {
    const api = new FakeApi()
    api.groups = () => Promise.resolve([aGroup()])
    api.labelGroup = () => Promise.reject(new ApiError('OUT_OF_SCOPE', '该数据不在您负责的辖区内', 403))
    const store = new GroupStore(api)
    await store.load('v1')
    store.startLabel(store.groups[0], 'v1')
    store.setForm({ name: '群', tier: 2 })

    await store.saveLabel()

    expect(store.formError).toBe('该数据不在您负责的辖区内')
    expect(store.editingId).toBe('g1')
  })

  it('when 保存 is tapped twice while the label is being saved, then it is sent once', async () => {
    const api = new FakeApi()
    api.groups = () => Promise.resolve([aGroup()])
    const labelGroup = jest.fn((id: string, input: GroupLabelInput) => Promise.resolve(aGroup({ id, ...input })))
    api.labelGroup = labelGroup
    const store = new GroupStore(api)
    await store.load('v1')
    store.startLabel(store.groups[0], 'v1')
    store.setForm({ name: '东胜村平安群', tier: 1 })

    const first = store.saveLabel()
    const second = store.saveLabel()

    expect(await first).toBe(true)
    expect(await second).toBe(false)
    expect(labelGroup).toHaveBeenCalledTimes(1)
  })
})
