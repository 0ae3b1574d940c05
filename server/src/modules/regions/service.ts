import type { RegionImportResult, RegionNode } from '#contract/regions'
import type { RegionLevel } from '#core/regions'
import type { AppContext } from '../../context'
import { scopePathsFor } from '#core/scope'
import { AppError, forbidden } from '../../errors'
import { scopeFor } from '../../plugins/scope-filter'
import type { SessionUser } from '../auth/session-user'
import { planImport } from './import-rows'
import type { RegionRepo } from './repo'
import { readRegionSheet } from './sheet'

/** "/a/b/c/" → "/a/", "/a/b/", "/a/b/c/": a household counts for its grid and every region above it. */
function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean)
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`)
}

export class RegionService {
  constructor(private readonly ctx: AppContext, private readonly repo: RegionRepo) {}

  async tree(caller: SessionUser, rootId?: string): Promise<RegionNode[]> {
    const paths = await scopeFor(caller.roles, 'region.read', rootId, (id) => this.repo.findPath(id))
    const [regions, counts] = await Promise.all([this.repo.regionsUnder(paths), this.repo.householdCountsUnder(paths)])
    const nodes = new Map<string, RegionNode>(regions.map((r) => [r.path, {
      id: r.id, parentId: r.parent_id, level: r.level as RegionLevel, name: r.name, path: r.path, householdCount: 0,
    }]))
    for (const { path, n } of counts) {
      for (const p of ancestorPaths(path)) {
        const node = nodes.get(p)
        if (node) node.householdCount += n
      }
    }
    return [...nodes.values()]
  }

  /**
   * Validates the whole sheet first; a real import with any bad row writes nothing and answers every row's error.
   * A dry run answers the same findings without writing.
   */
  async importSheet(caller: SessionUser, file: Buffer, opts: { dryRun: boolean; fileName: string }): Promise<RegionImportResult> {
    if (scopePathsFor(caller.roles, 'region.import').length === 0) throw forbidden()
    const rows = await readRegionSheet(file)
    if (rows.length === 0) throw new AppError('IMPORT_FILE_UNREADABLE', 400, '导入文件中没有数据行')
    const known = await this.repo.knownRegions([...new Set(rows.flatMap((r) => [r.code, r.parentCode]).filter(Boolean))])
    const { planned, errors } = planImport(rows, known, caller.roles)
    if (errors.length > 0 && !opts.dryRun) throw new AppError('IMPORT_INVALID', 422, undefined, errors)
    if (opts.dryRun) {
      return { dryRun: true, created: planned.filter((p) => !p.exists).length, updated: planned.filter((p) => p.renamed).length, errors }
    }
    const changes = planned.filter((p) => !p.exists || p.renamed)
    const { created, updated } = await this.repo.applyImport(changes, {
      actorId: caller.id,
      countyId: planned[0]?.countyId ?? null,
      detail: { fileName: opts.fileName, rows: rows.length },
      at: this.ctx.now(),
    })
    return { dryRun: false, created, updated, errors: [] }
  }
}
