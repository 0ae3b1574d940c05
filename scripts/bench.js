// `npm run bench`: runs every bench/*.bench.js in order, each printing its figures and returning a result
// object, and writes bench/results/<name>.json. Benchmarks measure; they never fail a build on timing.
const { readdirSync, writeFileSync, mkdirSync } = require('node:fs')
const path = require('node:path')
const os = require('node:os')

const benchDir = path.join(__dirname, '..', 'bench')
const resultsDir = path.join(benchDir, 'results')

async function main() {
  mkdirSync(resultsDir, { recursive: true })
  const only = process.argv[2]
  const files = readdirSync(benchDir).filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only))).sort()
  for (const file of files) {
    const name = file.replace(/\.bench\.js$/, '')
    console.log(`\n━━ bench: ${name} ━━`)
    const started = Date.now()
    const figures = await require(path.join(benchDir, file)).run()
    const result = {
      name,
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      seconds: Math.round((Date.now() - started) / 100) / 10,
      figures,
    }
    writeFileSync(path.join(resultsDir, `${name}.json`), JSON.stringify(result, null, 2) + '\n')
    console.log(`→ bench/results/${name}.json`)
  }
}

main().catch((e) => { console.error(e); process.exit(1) })
