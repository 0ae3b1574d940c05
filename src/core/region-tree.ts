import type { RegionLevel } from './regions'

/** The fields the tree needs; the contract's RegionNode fits. */
export interface FlatRegion {
  id: string
  parentId: string | null
  level: RegionLevel
  name: string
  householdCount: number
}

export interface RegionTreeNode<T extends FlatRegion = FlatRegion> {
  region: T
  children: RegionTreeNode<T>[]
}

/**
 * Builds the county→grid tree from the server's flat list. A node whose parent is not in the list becomes a root:
 * a town admin sees their town at the top, not an empty county. Siblings keep the server's order.
 */
export function buildRegionTree<T extends FlatRegion>(regions: readonly T[]): RegionTreeNode<T>[] {
  const byId = new Map<string, RegionTreeNode<T>>()
  for (const region of regions) byId.set(region.id, { region, children: [] })
  const roots: RegionTreeNode<T>[] = []
  for (const node of byId.values()) {
    const parent = node.region.parentId === null ? undefined : byId.get(node.region.parentId)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}
