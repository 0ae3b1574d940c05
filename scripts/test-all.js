// The project's whole check, as CI and a newcomer run it (`npm test`): type-check, lint, jest (core, client,
// server on PGlite and PostgreSQL), the weapp build with miniprogram-ci and its pages in WeChat's simulator, the H5
// build and the end-to-end flows in headless Chromium. Every step runs even after a failure so one run shows everything; the last line is
// the plain total `N passed, N failed` that CI reads.
const { spawnSync } = require('node:child_process')
const { readFileSync, mkdirSync, existsSync, rmSync } = require('node:fs')
const path = require('node:path')

const root = path.join(__dirname, '..')
const results = path.join(root, 'test-results')
mkdirSync(results, { recursive: true })

let passed = 0
let failed = 0
const summary = []

function run(label, command, args, env = {}) {
  const started = Date.now()
  console.log(`\n━━ ${label} ━━ ${command} ${args.join(' ')}`)
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  return { ok: r.status === 0, seconds }
}

/** A step that is one check: passes or fails as a whole. */
function check(label, command, args, env) {
  const { ok, seconds } = run(label, command, args, env)
  if (ok) passed++
  else failed++
  summary.push(`${ok ? 'PASS' : 'FAIL'} ${label} (${seconds}s)`)
  return ok
}

/** A step that reports its own counts in a JSON file: { passed, failed }. */
function counted(label, command, args, countsFile, readCounts, env) {
  const { ok, seconds } = run(label, command, args, env)
  let counts = null
  if (existsSync(countsFile)) {
    try { counts = readCounts(JSON.parse(readFileSync(countsFile, 'utf8'))) } catch { counts = null }
  }
  if (!counts) counts = { passed: 0, failed: 1 } // a runner that crashed before reporting counts as one failure
  if (!ok && counts.failed === 0) counts.failed = 1
  passed += counts.passed
  failed += counts.failed
  summary.push(`${counts.failed ? 'FAIL' : 'PASS'} ${label}: ${counts.passed} passed, ${counts.failed} failed (${seconds}s)`)
}

/** The e2e flows need Debian's Chromium; a fresh machine of this kind lacks it but may install it (root, apt). */
function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (existsSync(chromium)) return true
  console.log(`\n${chromium} 不存在：正在用 apt-get 安装 Chromium（端到端测试需要）…`)
  const ok = spawnSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei'], { stdio: 'inherit' }).status === 0
  if (!ok) console.log('无法安装 Chromium：请以 root 运行，或设置 CHROMIUM_PATH 指向已安装的 Chromium')
  return ok && existsSync(chromium)
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const jestJson = path.join(results, 'jest.json')
const e2eJson = path.join(results, 'e2e.json')
const weappJson = path.join(results, 'weapp.json')

check('type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])
check('lint', bin('eslint'), ['.'])
check('architecture (layer rules, dependency-cruiser)', 'npm', ['run', 'architecture'])
counted('jest', process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js', '--json', `--outputFile=${jestJson}`],
  jestJson, (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests + j.numRuntimeErrorTestSuites }))
if (check('build weapp', 'npm', ['run', 'build:weapp'])) {
  check('miniprogram-ci checkCodeQuality + main package ≤ 600 KB', 'npm', ['run', 'mp:check'])
  // The weapp suite runs on jest 29 (miniprogram-simulate needs it), apart from the jest 30 projects above.
  rmSync(weappJson, { force: true }) // counts left by an earlier run must not stand in for this one's
  counted('weapp (WeChat simulator)', process.execPath, ['node_modules/jest29/bin/jest.js', '-c', 'tests/weapp/jest.config.js', '--json', `--outputFile=${weappJson}`],
    weappJson, (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests + j.numRuntimeErrorTestSuites }))
} else {
  failed += 2
  summary.push('FAIL miniprogram-ci (skipped: no weapp build)', 'FAIL weapp simulator suite (skipped: no weapp build)')
}
if (check('build h5', 'npm', ['run', 'build:h5']) && ensureChromium()) counted('e2e (Chromium)', process.execPath, ['scripts/e2e.js'], e2eJson, (j) => j)
else { failed++; summary.push('FAIL e2e (skipped: no H5 build or no Chromium)') }

console.log('\n━━ summary ━━')
for (const line of summary) console.log(line)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
