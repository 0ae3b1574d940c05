// Package sizes as WeChat's upload counts them (miniprogram-ci) and each resident page's H5 first load as a phone downloads it.
const { existsSync, readFileSync } = require('node:fs')
const { spawnSync } = require('node:child_process')
const path = require('node:path')
const zlib = require('node:zlib')
const { root, npmRun } = require('./lib')
const { appShows, withResidentPages } = require('./resident-pages')

// The same budget scripts/mp-ci.js enforces: what a resident's phone downloads before the first page.
const MAIN_PACKAGE_BUDGET = 600 * 1024

function weappSizes() {
  if (!existsSync(path.join(root, 'dist/weapp/app.json'))) npmRun('build:weapp')
  const r = spawnSync(process.execPath, ['scripts/mp-ci.js'], { cwd: root, encoding: 'utf8' })
  const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{"mainPackageBytes"'))
  if (!line) throw new Error(`mp-ci printed no size line:\n${r.stdout}\n${r.stderr}`)
  return JSON.parse(line)
}

/** A resident page's first load as a phone downloads it: every script it requests, raw, gzip -9 and as served (.br). */
function scriptSizes(paths) {
  let raw = 0; let gzip = 0; let brotli = 0
  for (const asset of paths) {
    const file = path.join(root, 'dist/h5', asset)
    const bytes = readFileSync(file)
    raw += bytes.length
    gzip += zlib.gzipSync(bytes, { level: 9 }).length
    brotli += existsSync(`${file}.br`) ? readFileSync(`${file}.br`).length : bytes.length
  }
  return { files: paths.length, jsBytes: raw, jsGzipBytes: gzip, jsBrotliServedBytes: brotli }
}

/**
 * Each resident page opened cold in Chromium, counting the scripts it requested until its own text showed: index.html's
 * scripts alone would miss the page's lazily loaded chunks.
 */
async function residentFirstLoads() {
  return withResidentPages(async ({ browser, pages }) => {
    const loads = {}
    for (const [name, { url, ready }] of Object.entries(pages)) {
      const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN', serviceWorkers: 'block' })
      const page = await context.newPage()
      const scripts = new Set()
      page.on('request', (r) => { const { pathname } = new URL(r.url()); if (pathname.endsWith('.js') && pathname !== '/sw.js') scripts.add(pathname.slice(1)) })
      await page.goto(url)
      await appShows(page, ready)
      await page.waitForLoadState('networkidle')
      loads[name] = scriptSizes([...scripts])
      await context.close()
    }
    return loads
  })
}

// Issue 16: what a resident's phone downloads before a resident page shows.
const RESIDENT_FIRST_LOAD_GZIP_BUDGET = 150 * 1024

exports.run = async () => {
  const weapp = weappSizes()
  const residentPages = await residentFirstLoads()
  console.log(`weapp main package: ${weapp.mainPackageBytes} B (${(weapp.mainPackageBytes / MAIN_PACKAGE_BUDGET * 100).toFixed(1)}% of the 600 KB budget, WeChat's limit is 2 MB)`)
  for (const [pkg, bytes] of Object.entries(weapp.subPackages)) console.log(`weapp subpackage ${pkg}: ${bytes} B`)
  for (const [name, load] of Object.entries(residentPages)) {
    console.log(`H5 first load of ${name}: ${load.jsBytes} B raw, ${load.jsGzipBytes} B gzip (${(load.jsGzipBytes / RESIDENT_FIRST_LOAD_GZIP_BUDGET * 100).toFixed(1)}% of 150 KB), ${load.jsBrotliServedBytes} B brotli as served, ${load.files} scripts`)
  }
  const largest = Math.max(...Object.values(residentPages).map((l) => l.jsGzipBytes))
  return {
    weapp,
    h5: { residentPages },
    budgets: {
      mainPackageBytes: MAIN_PACKAGE_BUDGET, mainPackageRatio: weapp.mainPackageBytes / MAIN_PACKAGE_BUDGET,
      residentFirstLoadGzipBytes: RESIDENT_FIRST_LOAD_GZIP_BUDGET, largestResidentFirstLoadRatio: largest / RESIDENT_FIRST_LOAD_GZIP_BUDGET,
    },
  }
}
