import type { Kysely, Transaction } from 'kysely'
import type { DB } from './schema'

/** A region's materialised path, which every scope check compares against; null for an id that is no region. */
export async function regionPathOf(db: Kysely<DB> | Transaction<DB>, id: string): Promise<string | null> {
  const row = await db.selectFrom('regions').select('path').where('id', '=', id).executeTakeFirst()
  return row?.path ?? null
}
