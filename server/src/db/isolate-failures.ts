/** An item the database refused on its own: its caller gets the error, the rest of its batch is stored. */
export class ItemFailure {
  constructor(readonly error: unknown) {}
}

/**
 * SQLSTATE classes that say the database or the connection failed, not an item: 08 connection, 53 resources,
 * 57 operator intervention, 58 system, XX internal. Splitting a batch would only repeat the failure many times.
 */
const ENVIRONMENTAL = /^(08|53|57|58|XX)/

/** Whether a failed batch should be split to find the item that made it fail. */
export function mayBeItemsFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !ENVIRONMENTAL.test(code)
}

/**
 * Writes `items` with `write`, which must be all-or-nothing (one transaction). When the database refuses the
 * batch because of its data, the batch is split in halves and each half written again, down to the guilty
 * items, which come back as ItemFailure: one caller's bad value never fails the items of others written in the
 * same statement. A failure of the database itself fails the whole batch as before.
 */
export async function writeIsolated<T, R>(items: T[], write: (items: T[]) => Promise<R[]>): Promise<(R | ItemFailure)[]> {
  try {
    return await write(items)
  } catch (error) {
    if (!mayBeItemsFault(error)) throw error
    if (items.length === 1) return [new ItemFailure(error)]
    const half = Math.ceil(items.length / 2)
    // One half after the other: the halves would take the same locks, in the same order, as the whole batch.
    const first = await writeIsolated(items.slice(0, half), write)
    const second = await writeIsolated(items.slice(half), write)
    return [...first, ...second]
  }
}
