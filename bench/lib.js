// Helpers shared by the benchmarks: spawning the real server and waiting for its first healthy answer, and the
// region tree of 江津 that the data-heavy benchmarks generate their households under.
const { spawn, spawnSync } = require('node:child_process')
const { readFileSync } = require('node:fs')
const net = require('node:net')
const path = require('node:path')

const root = path.join(__dirname, '..')

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
    s.on('error', reject)
  })
}

/** Starts server/src/main.ts with `env` and resolves with ms from spawn to the first 200 from /api/health. */
async function timeToHealthy(env, timeoutMs = 120_000) {
  const port = await freePort()
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root, stdio: 'ignore',
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...env },
  })
  try {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)
      if (ok) return Number(process.hrtime.bigint() - started) / 1e6
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error('server never became healthy')
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)))
  }
}

function npmRun(script) {
  const r = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`npm run ${script} failed`)
}

/** The 30 towns / 301 villages of 江津 from the seed CSV, parents before children, and `gridsPerVillage` generated grids under each village. */
function jiangjinRegions(gridsPerVillage) {
  const lines = readFileSync(path.join(root, 'server/src/seed/data/jiangjin-regions.csv'), 'utf8').trim().split('\n').slice(1)
  const byId = new Map()
  const rows = []
  for (const line of lines) {
    const [id, quotedName, level, parentId] = line.split(',')
    const parent = byId.get(parentId)
    const row = { id, name: quotedName.replace(/"/g, ''), level, parentId: parent ? parentId : null, path: `${parent ? parent.path : '/'}${id}/` }
    byId.set(id, row)
    rows.push(row)
    if (level === 'village') {
      for (let g = 1; g <= gridsPerVillage; g++) {
        const gridId = `${id}-0${g}`
        rows.push({ id: gridId, name: `${row.name}第${g}网格`, level: 'grid', parentId: id, path: `${row.path}${gridId}/` })
      }
    }
  }
  return rows
}

/** Writes `regions` into county `countyId`, 500 rows a statement; `query(text, params)` runs one. */
async function insertRegions(query, regions, countyId) {
  for (let i = 0; i < regions.length; i += 500) {
    const chunk = regions.slice(i, i + 500)
    await query(`INSERT INTO regions (id, parent_id, level, name, path, county_id)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [chunk.map((r) => r.id), chunk.map((r) => r.parentId), chunk.map((r) => r.level), chunk.map((r) => r.name), chunk.map((r) => r.path), chunk.map(() => countyId)])
  }
}

module.exports = { root, freePort, timeToHealthy, npmRun, jiangjinRegions, insertRegions }
