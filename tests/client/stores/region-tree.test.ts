import type { RegionNode } from '@/contract/regions'
import { buildRegionTree } from '@/core/region-tree'
import { RegionStore } from '@/stores/region-store'
import { FakeApi } from '../support/fake-api'

const aRegion = (id: string, parentId: string | null, level: RegionNode['level'], householdCount = 0): RegionNode => ({
  id, parentId, level, name: `区域${id}`, path: `/${id}/`, householdCount,
})

describe('buildRegionTree', () => {
  it('when regions come as a flat list, then children hang under their parents in server order', () => {
    const tree = buildRegionTree([aRegion('c', null, 'county'), aRegion('t2', 'c', 'town'), aRegion('t1', 'c', 'town'), aRegion('v', 't1', 'village')])

    expect(tree.map((n) => n.region.id)).toEqual(['c'])
    expect(tree[0].children.map((n) => n.region.id)).toEqual(['t2', 't1'])
    expect(tree[0].children[1].children.map((n) => n.region.id)).toEqual(['v'])
  })

  it('when a parent is outside the list, then its child becomes a root', () => {
    const tree = buildRegionTree([aRegion('t1', 'hidden-county', 'town'), aRegion('v', 't1', 'village')])

    expect(tree.map((n) => n.region.id)).toEqual(['t1'])
  })
})

describe('RegionStore', () => {
  const treeApi = () => {
    const api = new FakeApi()
    api.regionTree = () => Promise.resolve({ nodes: [aRegion('c', null, 'county'), aRegion('t', 'c', 'town'), aRegion('v', 't', 'village'), aRegion('g', 'v', 'grid', 12)] })
    api.users = () => Promise.resolve({ items: [], total: 0 })
    return api
  }

  it('when the tree loads, then the top level is open and deeper levels stay closed', async () => {
    const store = new RegionStore(treeApi())

    await store.load()

    expect(store.rows.map((r) => [r.node.id, r.depth])).toEqual([['c', 0], ['t', 1]])
  })

  it('when a node is toggled, then its children appear and disappear', async () => {
    const store = new RegionStore(treeApi())
    await store.load()

    store.toggle('t')
    expect(store.rows.map((r) => r.node.id)).toEqual(['c', 't', 'v'])
    store.toggle('t')
    expect(store.rows.map((r) => r.node.id)).toEqual(['c', 't'])
  })

  it('when the dry run finds row errors, then the import cannot be confirmed', async () => {
    const api = treeApi()
    api.importRegions = (_file, _name, dryRun) =>
      Promise.resolve({ dryRun, created: 0, updated: 0, errors: [{ row: 3, message: '上级区域不存在' }] })
    const store = new RegionStore(api)

    await store.previewImport(new Blob(['x']), 'regions.xlsx')

    expect(store.importPreview?.errors).toHaveLength(1)
    expect(store.canConfirmImport).toBe(false)
  })

  it('when a clean dry run is confirmed, then the file is imported for real and the tree reloads', async () => {
    const api = treeApi()
    const dryRuns: boolean[] = []
    api.importRegions = (_file, _name, dryRun) => {
      dryRuns.push(dryRun)
      return Promise.resolve({ dryRun, created: 2, updated: 1, errors: [] })
    }
    const store = new RegionStore(api)

    await store.previewImport(new Blob(['x']), 'regions.xlsx')
    await store.confirmImport()

    expect(dryRuns).toEqual([true, false])
    expect(store.importResult?.created).toBe(2)
    expect(store.state).toBe('ready')
  })
})
