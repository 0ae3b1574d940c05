import dayjs from 'dayjs'
import { flow, makeAutoObservable } from 'mobx'
import type { BulletinReach, CadreForwarding, DailyReach, ShareTreeNode } from '@/contract/reach'
import type { OutboxItem } from '@/contract/reminders'
import { DEFAULT_WITHIN_HOURS } from '@/core/reach'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import type { LoadState } from './load-state'
import type { StoreFactory } from './store-context'

const DAILY_DAYS = 7
const CADRE_DAYS = 30

export const TIER_NAMES: Record<1 | 2, string> = { 1: '平安群', 2: '村群' }

/** One tier's reach, as a bar that also states its numbers in words. */
export interface TierLine {
  tier: 1 | 2
  label: string
  reached: number
  registered: number
  percent: number
  medianMinutes: number | null
}

/** A share with its depth in the tree, for an indented list. */
export interface TreeRow {
  node: ShareTreeNode
  depth: number
}

function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0
}

/** Depth-first, parents before their children; shares whose parent is missing start at the top. */
export function treeRows(nodes: ShareTreeNode[]): TreeRow[] {
  const ids = new Set(nodes.map((n) => n.id))
  const children = new Map<string | null, ShareTreeNode[]>()
  for (const n of nodes) {
    const parent = n.parentId && ids.has(n.parentId) ? n.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), n])
  }
  const rows: TreeRow[] = []
  const walk = (parent: string | null, depth: number) => {
    for (const node of children.get(parent) ?? []) {
      rows.push({ node, depth })
      walk(node.id, depth + 1)
    }
  }
  walk(null, 0)
  return rows
}

/** Who a bulletin reached and who it missed; and, for the region, the daily chart, the cadres' forwarding and the outbox. */
export class ReachStore {
  bulletinId: string | null = null
  withinHours = DEFAULT_WITHIN_HOURS
  private readonly bulletinLoad = new LatestLoad<{ reach: BulletinReach; tree: ShareTreeNode[] }>()
  private readonly regionLoad = new LatestLoad<{ daily: DailyReach[]; cadres: CadreForwarding[]; outbox: OutboxItem[] }>()

  constructor(private readonly api: Pick<Api, 'bulletinReach' | 'shareTree' | 'dailyReach' | 'cadreForwarding' | 'outbox'>,
    private readonly now: () => Date = () => new Date()) {
    makeAutoObservable<ReachStore, 'api' | 'now' | 'bulletinLoad' | 'regionLoad'>(this, { api: false, now: false, bulletinLoad: false, regionLoad: false })
  }

  reset(): void {
    this.bulletinId = null
    this.withinHours = DEFAULT_WITHIN_HOURS
    this.bulletinLoad.clear()
    this.regionLoad.clear()
  }

  get daily(): DailyReach[] {
    return this.regionLoad.value?.daily ?? []
  }

  get cadres(): CadreForwarding[] {
    return this.regionLoad.value?.cadres ?? []
  }

  get outbox(): OutboxItem[] {
    return this.regionLoad.value?.outbox ?? []
  }

  get regionState(): LoadState {
    return this.regionLoad.state
  }

  get regionError(): string | null {
    return this.regionLoad.error
  }

  get reach(): BulletinReach | null {
    return this.bulletinLoad.value?.reach ?? null
  }

  get tree(): ShareTreeNode[] {
    return this.bulletinLoad.value?.tree ?? []
  }

  get state(): LoadState {
    return this.bulletinLoad.state
  }

  get error(): string | null {
    return this.bulletinLoad.error
  }

  get tierLines(): TierLine[] {
    return (this.reach?.tiers ?? []).map((t) => ({
      tier: t.tier,
      label: TIER_NAMES[t.tier],
      reached: t.groupsReached,
      registered: t.groupsRegistered,
      percent: percentOf(t.groupsReached, t.groupsRegistered),
      medianMinutes: t.medianMinutesToReach,
    }))
  }

  get treeRows(): TreeRow[] {
    return treeRows(this.tree)
  }

  /** The chart's bars are scaled to the busiest day. */
  get dailyMaxOpens(): number {
    return Math.max(1, ...this.daily.map((d) => d.opens))
  }

  loadBulletin = flow(function* (this: ReachStore, bulletinId: string, withinHours: number = DEFAULT_WITHIN_HOURS) {
    this.bulletinId = bulletinId
    this.withinHours = withinHours
    yield this.bulletinLoad.load(async () => {
      const [reach, tree] = await Promise.all([this.api.bulletinReach(bulletinId, withinHours), this.api.shareTree(bulletinId)])
      return { reach, tree }
    })
  })

  reload(): Promise<void> {
    return this.bulletinId ? this.loadBulletin(this.bulletinId, this.withinHours) : Promise.resolve()
  }

  /** The region's last week of reach, the cadres' last month, and the reminders waiting or failed. */
  loadRegion = flow(function* (this: ReachStore, regionId: string) {
    const today = this.now()
    const to = dayjs(today).format('YYYY-MM-DD')
    const from = dayjs(today).subtract(DAILY_DAYS - 1, 'day').format('YYYY-MM-DD')
    yield this.regionLoad.load(async () => {
      const [daily, cadres, outbox] = await Promise.all([
        this.api.dailyReach(regionId, from, to), this.api.cadreForwarding(regionId, CADRE_DAYS), this.api.outbox(regionId),
      ])
      return { daily, cadres, outbox }
    })
  })
}

export const reachStore: StoreFactory<ReachStore> = ({ api, now }) => new ReachStore(api, now)
