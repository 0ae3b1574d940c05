import { flow, makeAutoObservable, observable } from 'mobx'
import type { RegionImportResult, RegionNode } from '@/contract/regions'
import type { ManagedUser } from '@/contract/users'
import type { Page } from '@/core/page'
import { buildRegionTree, type RegionTreeNode } from '@/core/region-tree'
import { gridTitle, REGION_LEVEL_LABELS } from '@/core/regions'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import { Submission, type Outcome } from './submission'
import type { StoreFactory } from './store-context'

/** One visible line of the collapsible tree. */
export interface RegionRow {
  node: RegionNode
  depth: number
  hasChildren: boolean
  expanded: boolean
  /** 乡镇, 村, 网格 …, as the row names its level. */
  levelName: string
}

/** The admin's region tree, the users of the selected region, and the XLSX import (preview, then confirm). */
export class RegionStore {
  readonly expanded = observable.set<string>()
  selectedId: string | null = null
  importFile: { blob: Blob; name: string } | null = null
  importPreview: RegionImportResult | null = null
  importResult: RegionImportResult | null = null
  private readonly treeLoad = new LatestLoad<RegionNode[]>()
  private readonly usersLoad = new LatestLoad<Page<ManagedUser>>()
  private readonly sheetImport = new Submission()

  constructor(private readonly api: Api) {
    makeAutoObservable<RegionStore, 'api' | 'treeLoad' | 'usersLoad' | 'sheetImport'>(this, {
      api: false, importFile: observable.ref, treeLoad: false, usersLoad: false, sheetImport: false,
    })
  }

  get nodes(): RegionNode[] {
    return this.treeLoad.value ?? []
  }

  get state(): LoadState {
    return this.treeLoad.state
  }

  get error(): string | null {
    return this.treeLoad.error
  }

  get users(): ManagedUser[] {
    return this.usersLoad.value?.items ?? []
  }

  get usersTotal(): number {
    return this.usersLoad.value?.total ?? 0
  }

  get usersState(): LoadState {
    return this.usersLoad.state
  }

  get usersError(): string | null {
    return this.usersLoad.error
  }

  get importing(): boolean {
    return this.sheetImport.busy
  }

  get importError(): string | null {
    return this.sheetImport.error
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
        rows.push({ node: region, depth, hasChildren: children.length > 0, expanded, levelName: REGION_LEVEL_LABELS[region.level] })
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
    return this.importPreview !== null && this.importPreview.errors.length === 0 && !this.importing
  }

  /** Another user sees another part of the tree: start again from nothing. */
  reset(): void {
    this.treeLoad.clear()
    this.expanded.clear()
    this.selectedId = null
    this.usersLoad.clear()
    this.importFile = null
    this.importPreview = null
    this.importResult = null
    this.sheetImport.clear()
  }

  toggle(id: string): void {
    if (this.expanded.has(id)) this.expanded.delete(id)
    else this.expanded.add(id)
  }

  load = flow(function* (this: RegionStore) {
    const landed: boolean = yield this.treeLoad.load(async () => (await this.api.regionTree()).nodes)
    if (!landed) return
    // Open the top level so that the first screen already shows where to drill down.
    for (const root of this.tree) this.expanded.add(root.region.id)
    if (!this.selectedId && this.tree[0]) yield this.selectRegion(this.tree[0].region.id)
  })

  async selectRegion(id: string): Promise<void> {
    this.selectedId = id
    await this.usersLoad.load(() => this.api.users(id))
  }

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
    const file = this.importFile
    if (!file) return
    const sent: Outcome<RegionImportResult> = yield this.sheetImport.run(() => this.api.importRegions(file.blob, file.name, dryRun))
    if (!sent.ok) return
    if (dryRun) this.importPreview = sent.value
    else {
      this.importResult = sent.value
      this.importPreview = null
      this.importFile = null
    }
  })
}

export const regionStore: StoreFactory<RegionStore> = ({ api }) => new RegionStore(api)
