// Offline miniprogram-ci checks against the weapp build (no upload, no network needed).
// Usage: node scripts/mp-ci.js [projectPath]
//   default projectPath = repo root, whose project.config.json has miniprogramRoot "dist/weapp/";
//   dist/weapp also works (Taro writes dist/weapp/project.config.json with miniprogramRoot "./").
// Beyond the 11 quality checks, the main package must stay within 600 KB (WeChat allows 2 MB): it is what a resident's
// phone downloads before the first page shows, often on a village network. The last line is JSON for the benchmark.
const fs = require('node:fs')
const path = require('node:path')
const ci = require('miniprogram-ci')

const projectPath = path.resolve(process.argv[2] || path.join(__dirname, '..'))
const MAIN_PACKAGE_LIMIT = 600 * 1024
const MAIN = '__APP__'

/** Bytes per package: miniprogram-ci's own PACKAGE_SIZE_LIMIT detail, else summed from analyseCode's file list. */
function packageSizes(quality, analyse) {
  const sizeCheck = quality.find((i) => i.name === 'PACKAGE_SIZE_LIMIT')
  const detail = sizeCheck && sizeCheck.detail
  if (detail && typeof detail === 'object' && typeof detail[MAIN] === 'number') return detail
  const sizes = {}
  for (const file of (analyse && analyse.files) || []) {
    const key = file.subPackage || MAIN
    sizes[key] = (sizes[key] || 0) + (file.size || 0)
  }
  return sizes
}

;(async () => {
  const project = new ci.Project({
    appid: 'wx0000000000000000', // fake; the offline checks never contact WeChat
    type: 'miniProgram',
    projectPath,
    privateKey: 'dummy', // required by the constructor (or privateKeyPath); only used by upload/preview
    ignores: ['node_modules/**/*'],
  })
  const t0 = Date.now()
  const quality = await ci.checkCodeQuality(project)
  console.log('checkCodeQuality (%d ms):', Date.now() - t0)
  // NB: item.text is the rule's description whatever the result; use item.success.
  for (const item of quality) {
    const detail = item.detail ? ' | ' + JSON.stringify(item.detail).slice(0, 300) : ''
    console.log(` ${item.success ? 'PASS' : 'FAIL'} ${item.name}: ${item.text}${detail}`)
  }
  const t1 = Date.now()
  const analyse = await ci.analyseCode(project, { silent: true })
  console.log('analyseCode (%d ms): %d files, %d modules', Date.now() - t1, analyse?.files?.length ?? 0, analyse?.modules?.length ?? 0)
  fs.writeFileSync(path.join(process.cwd(), 'mp-ci-analyse.json'), JSON.stringify(analyse, null, 2))
  const failed = quality.filter((i) => !i.success)

  const sizes = packageSizes(quality, analyse)
  const mainPackageBytes = sizes[MAIN] ?? 0
  const tooBig = mainPackageBytes > MAIN_PACKAGE_LIMIT
  if (tooBig) console.error('FAIL main package %d B exceeds %d B', mainPackageBytes, MAIN_PACKAGE_LIMIT)
  const subPackages = Object.fromEntries(Object.entries(sizes).filter(([name]) => name !== MAIN))
  console.log(JSON.stringify({ mainPackageBytes, subPackages }))
  // miniprogram-ci leaves a file watcher open: without process.exit the process never ends.
  process.exit(failed.length || tooBig ? 1 : 0)
})().catch((e) => { console.error('miniprogram-ci failed:', e); process.exit(2) })
