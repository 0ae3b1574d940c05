import { flow, makeAutoObservable, observable } from 'mobx'
import type { RegionImportResult, RegionNode } from '@/contract/regions'
import type { ManagedUser } from '@/contract/users'
import type { Page } from '@/core/api-types'
import { buildRegionTree, type RegionTreeNode } from '@/core/region-tree'
import { gridTitle } from '@/core/regions'
import type { Api } from '@/services/api-client'
import { errorMessage, type LoadState } from './load-state'
import type { StoreFactory } from './store-context'

/** One visible line of the collapsible tree. */
export interface RegionRow {
  node: RegionNode
  depth: number
  hasChildren: boolean
  expanded: boolean
}

/** The admin's region tree, the users of the selected region, and the XLSX import (preview, then confirm). */
export class RegionStore {
  nodes: RegionNode[] = []
  state: LoadState = 'idle'
  error: string | null = null
  readonly expanded = observable.set<string>()
  selectedId: string | null = null
  users: ManagedUser[] = []
  usersTotal = 0
  usersState: LoadState = 'idle'
  usersError: string | null = null
  importFile: { blob: Blob; name: string } | null = null
  importPreview: RegionImportResult | null = null
  importResult: RegionImportResult | null = null
  importState: LoadState = 'idle'
  importError: string | null = null

  constructor(private readonly api: Api) {
    makeAutoObservable<RegionStore, 'api'>(this, { api: false, importFile: observable.ref })
  }

  get tree(): RegionTreeNode<RegionNode>[] {
    return buildRegionTree(this.nodes)
  }

  /** Depth-first, children shown only under expanded nodes. */
  get rows(): RegionRow[] {
    const rows: RegionRow[] = []
    const visit = (list: RegionTreeNode<RegionNode>[], depth: number) => {
      for (const { region, children } of list) {
        const expanded = this.expanded.has(region.id)
        rows.push({ node: region, depth, hasChildren: children.length > 0, expanded })
        if (expanded) visit(children, depth + 1)
      }
    }
    visit(this.tree, 0)
    return rows
  }

  /** A region as pages name it outside the tree: a grid with its village, "东胜村第1网格". */
  titleOf(node: RegionNode): string {
    if (node.level !== 'grid') return node.name
    return gridTitle(node.name, this.nodes.find((n) => n.id === node.parentId)?.name)
  }

  get selected(): RegionNode | null {
    return this.nodes.find((n) => n.id === this.selectedId) ?? null
  }

  /** The preview may be confirmed only when it found no row errors. */
  get canConfirmImport(): boolean {
    return this.importPreview !== null && this.importPreview.errors.length === 0 && this.importState !== 'loading'
  }

  /** Another user sees another part of the tree: start again from nothing. */
  reset(): void {
    this.nodes = []
    this.state = 'idle'
    this.error = null
    this.expanded.clear()
    this.selectedId = null
    this.users = []
    this.usersTotal = 0
    this.usersState = 'idle'
    this.usersError = null
    this.importFile = null
    this.importPreview = null
    this.importResult = null
    this.importState = 'idle'
    this.importError = null
  }

  toggle(id: string): void {
    if (this.expanded.has(id)) this.expanded.delete(id)
    else this.expanded.add(id)
  }

  load = flow(function* (this: RegionStore) {
    this.state = 'loading'
    this.error = null
    try {
      const result: { nodes: RegionNode[] } = yield this.api.regionTree()
      this.nodes = result.nodes
      this.state = 'ready'
      // Open the top level so that the first screen already shows where to drill down.
      for (const root of this.tree) this.expanded.add(root.region.id)
      if (!this.selectedId && this.tree[0]) yield this.selectRegion(this.tree[0].region.id)
    } catch (e) {
      this.state = 'error'
      this.error = errorMessage(e)
    }
  })

  selectRegion = flow(function* (this: RegionStore, id: string) {
    this.selectedId = id
    this.usersState = 'loading'
    this.usersError = null
    try {
      const result: Page<ManagedUser> = yield this.api.users(id)
      if (this.selectedId !== id) return
      this.users = result.items
      this.usersTotal = result.total
      this.usersState = 'ready'
    } catch (e) {
      if (this.selectedId !== id) return
      this.usersState = 'error'
      this.usersError = errorMessage(e)
    }
  })

  /** Step 1: a dry run that reports per-row errors and writes nothing. */
  previewImport = flow(function* (this: RegionStore, blob: Blob, name: string) {
    this.importFile = { blob, name }
    this.importPreview = null
    this.importResult = null
    yield this.runImport(true)
  })

  /** Step 2: the same file for real, then the tree reloads to show it. */
  confirmImport = flow(function* (this: RegionStore) {
    if (!this.canConfirmImport) return
    yield this.runImport(false)
    if (this.importResult) yield this.load()
  })

  /** The template is fetched with the session token; the page turns the file into a download. */
  downloadTemplate(): Promise<Blob> {
    return this.api.regionImportTemplate()
  }

  private runImport = flow(function* (this: RegionStore, dryRun: boolean) {
    if (!this.importFile) return
    this.importState = 'loading'
    this.importError = null
    try {
      const result: RegionImportResult = yield this.api.importRegions(this.importFile.blob, this.importFile.name, dryRun)
      if (dryRun) this.importPreview = result
      else {
        this.importResult = result
        this.importPreview = null
        this.importFile = null
      }
      this.importState = 'ready'
    } catch (e) {
      this.importState = 'error'
      this.importError = errorMessage(e)
    }
  })
}

export const regionStore: StoreFactory<RegionStore> = ({ api }) => new RegionStore(api)
