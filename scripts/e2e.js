// End-to-end flows in headless Chromium against the real server (PGlite in a temp folder, demo data, demo
// logins) serving the H5 build, as a user would: visible Chinese labels, taps, screenshots in test-results/.
// Writes test-results/e2e.json = { passed, failed } for scripts/test-all.js.
const { spawn } = require('node:child_process')
const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')
const { chromium } = require('playwright-core')
const { watchAccessibility } = require('../tests/e2e/accessibility')
// E2E_ONLY=<part of a title> runs just the matching flows while working on one.
const flows = require('../tests/e2e/flows').filter((f) => !process.env.E2E_ONLY || f.title.includes(process.env.E2E_ONLY))

const root = path.join(__dirname, '..')
const results = path.join(root, 'test-results')
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
    s.on('error', reject)
  })
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) return
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`server not healthy after ${timeoutMs} ms`)
}

async function main() {
  mkdirSync(results, { recursive: true })
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xuanfang-e2e-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    // Every persona of every flow signs in from 127.0.0.1: the per-address sign-in limits (tested in tests/server)
    // would refuse a run's logins within a minute.
    env: {
      ...process.env, RATE_LIMIT_DEMO_LOGIN: '100000/60', RATE_LIMIT_SIGNIN_PER_ADDRESS: '100000/60',
      PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, AUTH_MODE: 'demo', SEED_DEMO: 'true', LOG_LEVEL: 'info', DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let serverLog = ''
  server.stdout.on('data', (d) => { serverLog += d })
  server.stderr.on('data', (d) => { serverLog += d })

  let passed = 0
  let failed = 0
  const pagesChecked = new Set()
  let browser
  try {
    await waitForHealth(baseUrl, server, 90_000)
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS })
    // Every browser a flow opens, the other personas' too, is checked with axe-core on every page it shows.
    let watchers = []
    const newContext = browser.newContext.bind(browser)
    browser.newContext = async (options) => {
      const created = await newContext(options)
      watchers.push(await watchAccessibility(created))
      return created
    }
    for (const flow of flows) {
      watchers = []
      const context = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, hasTouch: true, locale: 'zh-CN' })
      const page = await context.newPage()
      const problems = []
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
      // A script, style or request the Content-Security-Policy blocked fails the flow, even if the page still looks right.
      page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`) })
      const started = Date.now()
      try {
        const screenshot = async (name) => {
          await page.waitForTimeout(400) // let Taro's page slide-in finish so the picture shows one page
          await page.screenshot({ path: path.join(results, `${name}.png`) })
        }
        await flow.run({ page, baseUrl, screenshot })
        await Promise.all(browser.contexts().flatMap((c) => c.pages()).map((p) => watchers[0].settle(p)))
        for (const w of watchers) { problems.push(...w.findings().map((f) => `axe: ${f}`)); w.pagesChecked().forEach((p) => pagesChecked.add(p)) }
        if (problems.length) throw new Error(problems.join('\n'))
        passed++
        console.log(`  ✓ ${flow.title} (${Date.now() - started} ms)`)
      } catch (e) {
        failed++
        console.log(`  ✕ ${flow.title}\n    ${String(e && e.stack || e).split('\n').slice(0, 30).join('\n    ')}`)
        // Every page still open, the other personas' browsers too, shows where the flow stopped.
        const openPages = browser.contexts().flatMap((c) => c.pages())
        await Promise.all(openPages.map((p, i) =>
          p.screenshot({ path: path.join(results, `failed-${flows.indexOf(flow)}-${i}.png`) }).catch(() => {})))
      }
      // A failed flow may leave another persona's browser open: none should reach the next flow.
      await Promise.all(browser.contexts().map((c) => c.close()))
    }
  } catch (e) {
    failed++
    console.log(`  ✕ e2e set-up: ${e.message}\n--- server log ---\n${serverLog.slice(-4000)}`)
  } finally {
    if (browser) await browser.close()
    server.kill('SIGTERM')
    await new Promise((r) => { if (server.exitCode !== null) r(); else { server.on('exit', r); setTimeout(() => { server.kill('SIGKILL'); r() }, 10_000) } })
    rmSync(dataDir, { recursive: true, force: true })
  }
  // Every request of every flow was logged at info: none may have left a secret in the log.
  const leaks = secretsIn(serverLog)
  if (leaks.length) {
    failed++
    console.log(`  ✕ the server log carries secrets:\n    ${leaks.slice(0, 5).join('\n    ')}`)
  } else {
    passed++
    console.log(`  ✓ the server log of the whole run (${serverLog.split('\n').length} lines) carries no token, code or phone number`)
  }
  console.log(`  axe-core checked ${pagesChecked.size} page views (route and mode) for critical and serious violations`)
  writeFileSync(path.join(results, 'e2e.json'), JSON.stringify({ passed, failed }))
  console.log(`e2e: ${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

/** Door-label tokens, prize and invitation codes, bearer tokens and mobile numbers that reached the log. */
function secretsIn(log) {
  const patterns = [
    /\/h\/(?!\[redacted\])[\w-]{6,}/g, /\/api\/doors\/(?!\[redacted\])[\w-]{6,}/g, /\/api\/prize-claims\/(?!\[redacted\])[\w-]{6,}/g,
    /\/join\/(?!\[redacted\])[\w-]{4,}/g, /\/api\/invitations\/(?!\[redacted\])[\w-]{4,}/g, /Bearer\s+(?!\[redacted\])[\w.~+/=-]{8,}/gi,
    /(?<![\d.])1[3-9]\d{9}(?![\d.])/g,
  ]
  return patterns.flatMap((p) => log.match(p) ?? [])
}

main()
