import { sql } from 'kysely'
import { VISIT_CHECKLIST } from '@/core/visits'
import { checklistColumn } from '../../server/src/db/checklist-columns'
import type { Database } from '../../server/src/db/database'
import { ENGINES, openTestDatabase } from './helpers/test-db'

describe.each(ENGINES)('the visit checklist in the migrated schema on %s', (engine) => {
  let database: Database
  beforeEach(async () => { database = await openTestDatabase(engine) })
  afterEach(async () => { await database.close() })

  it('when core names a checklist item, then the visits table has a boolean column for it', async () => {
    const { rows } = await sql<{ column_name: string; data_type: string }>`
      SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'visits' AND table_schema = current_schema()`
      .execute(database.db)
    const types = new Map(rows.map((r) => [r.column_name, r.data_type]))
    const missing = VISIT_CHECKLIST.map(({ key }) => checklistColumn(key)).filter((column) => types.get(column) !== 'boolean')
    expect(missing).toEqual([])
  })
})
