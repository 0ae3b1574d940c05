// Package sizes as WeChat's upload counts them (miniprogram-ci) and the H5 first load as a phone downloads it.
const { existsSync, readFileSync } = require('node:fs')
const { spawnSync } = require('node:child_process')
const path = require('node:path')
const zlib = require('node:zlib')
const { root, npmRun } = require('./lib')

// The same budget scripts/mp-ci.js enforces: what a resident's phone downloads before the first page.
const MAIN_PACKAGE_BUDGET = 600 * 1024

function weappSizes() {
  if (!existsSync(path.join(root, 'dist/weapp/app.json'))) npmRun('build:weapp')
  const r = spawnSync(process.execPath, ['scripts/mp-ci.js'], { cwd: root, encoding: 'utf8' })
  const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{"mainPackageBytes"'))
  if (!line) throw new Error(`mp-ci printed no size line:\n${r.stdout}\n${r.stderr}`)
  return JSON.parse(line)
}

/** Scripts and styles index.html loads before the first page renders, raw and gzip -9, and as served (the build's .br). */
function h5FirstLoad() {
  if (!existsSync(path.join(root, 'dist/h5/index.html'))) npmRun('build:h5')
  const html = readFileSync(path.join(root, 'dist/h5/index.html'), 'utf8')
  const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1])
  let js = 0; let jsGzip = 0; let jsBrotli = 0; let css = 0
  for (const asset of assets) {
    const file = path.join(root, 'dist/h5', asset)
    const bytes = readFileSync(file)
    if (!asset.endsWith('.js')) { css += bytes.length; continue }
    js += bytes.length
    jsGzip += zlib.gzipSync(bytes, { level: 9 }).length
    jsBrotli += existsSync(`${file}.br`) ? readFileSync(`${file}.br`).length : bytes.length
  }
  return { assets, jsBytes: js, jsGzipBytes: jsGzip, jsBrotliServedBytes: jsBrotli, cssBytes: css }
}

exports.run = async () => {
  const weapp = weappSizes()
  const h5 = h5FirstLoad()
  console.log(`weapp main package: ${weapp.mainPackageBytes} B (${(weapp.mainPackageBytes / MAIN_PACKAGE_BUDGET * 100).toFixed(1)}% of the 600 KB budget, WeChat's limit is 2 MB)`)
  for (const [pkg, bytes] of Object.entries(weapp.subPackages)) console.log(`weapp subpackage ${pkg}: ${bytes} B`)
  console.log(`H5 first-load JS: ${h5.jsBytes} B raw, ${h5.jsGzipBytes} B gzip, ${h5.jsBrotliServedBytes} B brotli as served (${h5.assets.length} files)`)
  return { weapp, h5, budgets: { mainPackageBytes: MAIN_PACKAGE_BUDGET, mainPackageRatio: weapp.mainPackageBytes / MAIN_PACKAGE_BUDGET } }
}
