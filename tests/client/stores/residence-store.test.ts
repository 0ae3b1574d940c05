import { ApiError } from '@/services/api-client'
import { searchVillages } from '@/stores/residence-store'
import { FakeApi } from '../support/fake-api'
import { aRootStore } from '../support/root'
import { aLogin, aMe, aResidence, aRole, aTown } from '../support/membership-factories'

async function signedIn(api: FakeApi, roles = [aRole({ role: 'grid_worker', regionId: 'g1', regionPath: '/c1/t-bl/v-ds/g1/' })]) {
  api.demoSignup = () => Promise.resolve(aLogin(aMe(roles)))
  const store = aRootStore(api)
  await store.session.signUpDemo('李阿姨')
  return store
}

describe('ResidenceStore', () => {
  it('when 东胜 is typed, then 东胜村 is found with its town, and nothing else', () => {
    const towns = [aTown(), aTown({ id: 't-yl', name: '云门街道', villages: [{ id: 'v-dj', name: '东津沱社区' }] })]

    expect(searchVillages(towns, '东胜').map((m) => `${m.town.name} ${m.village.name}`)).toEqual(['柏林镇 东胜村'])
  })

  it('when a town name is typed, then all of its villages are found', () => {
    expect(searchVillages([aTown()], ' 柏林 ').map((m) => m.village.name)).toEqual(['东胜村', '新华村'])
  })

  it('when a village is bound, then the session\'s me holds the resident role from the server', async () => {
    const api = new FakeApi()
    const sent: unknown[] = []
    api.bindResidence = (input) => {
      sent.push(input)
      return Promise.resolve({ residence: aResidence(), me: aMe([aRole()]) })
    }
    const store = await signedIn(api, [])

    const ok = await store.residence.bind({ villageId: 'v-ds' })

    expect(ok).toBe(true)
    expect(sent).toEqual([{ villageId: 'v-ds' }])
    expect(store.session.roles.map((r) => `${r.role}:${r.regionName}`)).toEqual(['resident:东胜村'])
    expect(store.residence.residence?.villageName).toBe('东胜村')
  })

  it('when binding is refused, then the server\'s message is kept and me is unchanged', async () => {
    const api = new FakeApi()
    api.bindResidence = () => Promise.reject(new ApiError('RESIDENCE_VILLAGE_REQUIRED', '请选择您居住的村（社区），不能选择镇街或网格', 400))
    const store = await signedIn(api, [])

    expect(await store.residence.bind({ villageId: 't-bl' })).toBe(false)

    expect(store.residence.bindError).toBe('请选择您居住的村（社区），不能选择镇街或网格')
    expect(store.session.roles).toEqual([])
  })

  it('when the resident leaves, then the resident role is gone and other roles stay', async () => {
    const api = new FakeApi()
    api.leaveResidence = () => Promise.resolve()
    const worker = aRole({ role: 'grid_worker', regionId: 'g1', regionPath: '/c1/t-bl/v-ds/g1/' })
    const store = await signedIn(api, [aRole(), worker])

    expect(await store.residence.leave()).toBe(true)

    expect(store.session.roles).toEqual([worker])
    expect(store.residence.residence).toBeNull()
  })

  it('when 我住这里 was tapped signed out, then signing in keeps the door token waiting', async () => {
    const api = new FakeApi()
    api.demoSignup = () => Promise.resolve(aLogin())
    const store = aRootStore(api)
    store.residence.intendDoorBind('door-token-1')

    await store.session.signUpDemo('李阿姨')

    expect(store.residence.pendingDoorToken).toBe('door-token-1')
  })

  it('when the user signs out, then their residence, data and search are forgotten', async () => {
    const api = new FakeApi()
    api.bindResidence = () => Promise.resolve({ residence: aResidence(), me: aMe([aRole()]) })
    const store = await signedIn(api, [])
    await store.residence.bind({ villageId: 'v-ds' })
    store.residence.setQuery('东胜')

    await store.session.logout()

    expect(store.residence.residence).toBeNull()
    expect(store.residence.justBound).toBeNull()
    expect(store.residence.query).toBe('')
  })
})
