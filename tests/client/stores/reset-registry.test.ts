import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { isObservableMap, isObservableProp, isObservableSet, runInAction, toJS } from 'mobx'
import type { StoreFactory, UserScoped } from '@/stores/store-context'
import { FakeApi } from '../support/fake-api'
import { aRootStore } from '../support/root'

const STORES_DIR = join(__dirname, '../../../src/stores')

/** Every page-level store factory in src/stores, found by reading the folder so that a new store cannot be missed. */
function everyStoreFactory(): [string, StoreFactory<UserScoped>][] {
  return readdirSync(STORES_DIR)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => Object.entries(jest.requireActual(join(STORES_DIR, file)) as Record<string, unknown>))
    .filter((entry): entry is [string, StoreFactory<UserScoped>] => /^[a-z]\w*Store$/.test(entry[0]) && !entry[0].startsWith('create') && typeof entry[1] === 'function')
}

/** What a store keeps for whoever signs in next, because it belongs to no one. */
const KEPT_FOR_EVERYONE: Record<string, string[]> = {
  // The pledge's wording, the same for every household, kept so that a pledge can be signed without signal.
  pledgeStore: ['templateLoad'],
}

/** A store's own observable state, and that of the load primitives it holds (LatestLoad, PagedList). */
function stateOf(store: object): Record<string, unknown> {
  const state: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(store)) {
    if (isObservableProp(store, key)) state[key] = toJS(value)
    else if (isLoadPrimitive(value)) state[key] = stateOf(value)
  }
  return state
}

const isLoadPrimitive = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && typeof (value as { clear?: unknown }).clear === 'function'

/** Something another person could have left behind, in every field that a use case could fill. */
function fillEveryField(store: object): void {
  runInAction(() => {
    for (const [key, value] of Object.entries(store)) {
      if (isObservableSet(value)) value.add('上一位的数据')
      else if (isObservableMap(value)) value.set('上一位的数据', '上一位的数据')
      else if (isObservableProp(store, key) && typeof value !== 'function') (store as Record<string, unknown>)[key] = leftBehind(value)
      else if (isLoadPrimitive(value)) fillEveryField(value)
    }
  })
}

function leftBehind(value: unknown): unknown {
  if (typeof value === 'boolean') return !value
  if (typeof value === 'number') return value + 7
  if (Array.isArray(value)) return [...value, '上一位的数据']
  return '上一位的数据'
}

describe('the reset registry', () => {
  it('when the page-level stores are listed, then none is missing from the folder', () => {
    expect(everyStoreFactory().length).toBeGreaterThanOrEqual(28)
  })

  it.each(everyStoreFactory())('when %s was filled by one person and they sign out, then it is as new for the next', (name, factory) => {
    const root = aRootStore(new FakeApi())
    const store = root.store(factory)
    const personal = (state: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(state).filter(([key]) => !KEPT_FOR_EVERYONE[name]?.includes(key)))
    const asNew = personal(stateOf(store))
    fillEveryField(store)

    for (const scoped of root.userScoped) scoped.reset()

    expect(personal(stateOf(store))).toEqual(asNew)
  })
})
