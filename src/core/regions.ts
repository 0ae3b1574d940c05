/** County → town → village/community → grid. Each level's parent is the level before it. */
export const REGION_LEVELS = ['county', 'town', 'village', 'grid'] as const
export type RegionLevel = (typeof REGION_LEVELS)[number]

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  county: '区县',
  town: '镇街',
  village: '村社区',
  grid: '网格',
}

export interface Region {
  id: string
  parentId: string | null
  level: RegionLevel
  name: string
  path: string
}

export function childLevelOf(level: RegionLevel): RegionLevel | null {
  const next = REGION_LEVELS.indexOf(level) + 1
  return next < REGION_LEVELS.length ? REGION_LEVELS[next] : null
}

/** Paths start and end with "/" so that "/1/12/" is never taken to lie under "/1/1/". */
export function regionPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`
}

export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath)
}

/** The county id is the first segment of a path; large tables carry it as their distribution column. */
export function countyIdOf(path: string): string {
  return path.split('/')[1]
}

/** "东胜村村民委员会" → "东胜村", "柏林社区居民委员会" → "柏林社区": residents know the short name. */
export function shortRegionName(officialName: string): string {
  return officialName.replace(/(村民委员会|居民委员会)$/, '')
}

/**
 * A grid as people say it: "东胜村第1网格". Grids are numbered per village, so "第1网格" alone names a dozen places;
 * a name that already carries its village is kept as it is.
 */
export function gridTitle(gridName: string, villageName: string | null | undefined): string {
  const village = villageName ? shortRegionName(villageName) : ''
  return village && !gridName.startsWith(village) ? `${village}${gridName}` : gridName
}
