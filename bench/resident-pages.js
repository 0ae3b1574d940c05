// The H5 build served by a demo server on PGlite, a headless Chromium, and the resident pages a phone opens first:
// shared by the benchmarks that load those pages as a villager's phone would.
const { existsSync, mkdtempSync, rmSync } = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { chromium } = require('playwright-core')
const { root, npmRun } = require('./lib')
const { startServer } = require('./server-harness')

async function withResidentPages(run) {
  if (!existsSync(path.join(root, 'dist/h5/index.html'))) npmRun('build:h5')
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xuanfang-resident-'))
  const server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir, AUTH_MODE: 'demo', SEED_DEMO: 'true' })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'] })
  try {
    const { items } = await (await fetch(`${server.base}/api/public/bulletins?page=1&pageSize=1`)).json()
    const pages = {
      home: { url: `${server.base}/`, ready: '看通报' },
      bulletin: { url: `${server.base}/#/pages/bulletin/index?id=${items[0].id}`, ready: items[0].title },
      learn: { url: `${server.base}/#/pages/learn/index`, ready: '刷单返利' },
      quiz: { url: `${server.base}/#/pages/quiz/index`, ready: '每日答题' },
    }
    return await run({ browser, pages })
  } finally {
    await browser.close()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The app's own page showing the text: the HTML shell paints some of the same words before any script runs. */
function appShows(page, text) {
  return page.locator('.taro_page').getByText(text).filter({ visible: true }).first().waitFor({ timeout: 120_000 })
}

module.exports = { withResidentPages, appShows }
