/**
 * Tables ordered so that every table comes after the tables its foreign keys point at (self-references aside),
 * alphabetical among equals so that two backups of the same schema list tables alike. A cycle between tables
 * would have no such order: it is reported rather than broken arbitrarily.
 */
export function parentsFirst(tables: readonly string[], references: readonly { table: string; references: string }[]): string[] {
  const parents = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const r of references) if (r.table !== r.references && parents.has(r.references)) parents.get(r.table)?.add(r.references)
  const ordered: string[] = []
  const placed = new Set<string>()
  while (ordered.length < tables.length) {
    const ready = [...parents].filter(([t, ps]) => !placed.has(t) && [...ps].every((p) => placed.has(p))).map(([t]) => t).sort()
    if (ready.length === 0) throw new Error(`外键形成环，无法排定表的顺序: ${tables.filter((t) => !placed.has(t)).join(', ')}`)
    for (const t of ready) {
      ordered.push(t)
      placed.add(t)
    }
  }
  return ordered
}
