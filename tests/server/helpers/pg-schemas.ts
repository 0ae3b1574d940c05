import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { TEST_RUN_ENV } from './global-setup'

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Every schema of one jest run starts with this, so dropping leftovers never touches another person's run. */
export const testSchemaPrefix = () => `t_${process.env[TEST_RUN_ENV] ?? 'norun'}_`

export async function createSchema(): Promise<string> {
  const schema = `${testSchemaPrefix()}${randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE SCHEMA ${schema}`)
  return schema
}

export async function dropSchemas(schemas: string[]) {
  if (schemas.length === 0) return
  // A pool a test forgot to close may hold a lock: give up rather than hang; the run's teardown tries again.
  await adminQuery(`SET lock_timeout = '5s'; DROP SCHEMA IF EXISTS ${schemas.join(', ')} CASCADE`)
}

/** This run's schemas still on the server. */
export async function leftoverSchemas(): Promise<string[]> {
  const { rows } = await adminQuery<{ name: string }>(
    'SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)', [testSchemaPrefix()],
  )
  return rows.map((r) => r.name)
}

async function adminQuery<R extends pg.QueryResultRow>(sqlText: string, values?: unknown[]) {
  const admin = new pg.Client({ connectionString: TEST_PG_URL })
  await admin.connect()
  try {
    return await admin.query<R>(sqlText, values)
  } finally {
    await admin.end()
  }
}
