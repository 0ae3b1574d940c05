// Server cold start: spawn to first healthy answer, on PGlite (fresh folder: initdb + migrations; then a
// restart on the same folder) and on PostgreSQL (a fresh database: migrations). Three runs each, median.
const { mkdtempSync, rmSync } = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const pg = require('pg')
const { timeToHealthy } = require('./lib')

const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const RUNS = 3
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function withFreshPgDatabase(fn) {
  const name = `bench_cold_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  try {
    const url = new URL(PG_URL); url.pathname = `/${name}`
    return await fn(url.toString())
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}

exports.run = async () => {
  const pgliteFirst = []; const pgliteRestart = []; const postgres = []
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xuanfang-cold-'))
    try {
      pgliteFirst.push(await timeToHealthy({ DATA_DIR: dir, DATABASE_URL: '' }))
      pgliteRestart.push(await timeToHealthy({ DATA_DIR: dir, DATABASE_URL: '' }))
    } finally { rmSync(dir, { recursive: true, force: true }) }
    postgres.push(await withFreshPgDatabase((url) => timeToHealthy({ DATABASE_URL: url })))
  }
  const figures = {
    pgliteFirstStartMs: Math.round(median(pgliteFirst)),
    pgliteRestartMs: Math.round(median(pgliteRestart)),
    postgresFirstStartMs: Math.round(median(postgres)),
    runs: { pgliteFirst: pgliteFirst.map(Math.round), pgliteRestart: pgliteRestart.map(Math.round), postgres: postgres.map(Math.round) },
  }
  figures.pgliteFirstOverPostgres = Math.round((figures.pgliteFirstStartMs / figures.postgresFirstStartMs) * 100) / 100
  console.log(`cold start to first healthy answer (median of ${RUNS}): PGlite first ${figures.pgliteFirstStartMs} ms, PGlite restart ${figures.pgliteRestartMs} ms, PostgreSQL ${figures.postgresFirstStartMs} ms (PGlite/PostgreSQL ${figures.pgliteFirstOverPostgres}×)`)
  return figures
}
