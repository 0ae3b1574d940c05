// Every page of the app, in normal and 关怀模式, checked by axe-core (scripts/e2e.js fails a flow on any critical or
// serious violation). The flows before this one reach most pages in one mode, with data; this tour opens each page
// that app.config.ts lists (from src/navigation/routes.ts), as the person who uses it, in both modes, so a page no flow visits is checked too.
const { mkdirSync, readFileSync } = require('node:fs')
const path = require('node:path')

const TIMEOUT = 20_000
/** The time a page's first answers take to arrive on this machine, so its filled state is what axe sees. */
const DATA_ARRIVES_MS = 800

function appPages() {
  const routes = readFileSync(path.join(__dirname, '..', '..', 'src', 'navigation', 'routes.ts'), 'utf8')
  const paths = (block) => [...block.matchAll(/^\s+\w+: '([^']+)',$/gm)].map((m) => m[1])
  const pages = paths(routes.match(/const MAIN_PAGES = \{([^}]*)\}/)[1])
  const subpackages = routes.match(/const SUBPACKAGE_PAGES = \{([\s\S]*?)\n\} as const/)[1]
  for (const sub of subpackages.matchAll(/^ {2}(\w+): \{([^}]*)\}/gm)) pages.push(...paths(sub[2]).map((p) => `packages/${sub[1]}/${p}`))
  return pages
}

/** Who opens which pages: the worker's package as the grid worker, the admin package as the police, the rest as a resident. */
const OPENED_BY = [[/^packages\/worker\//, 'grid_worker'], [/^packages\/admin\//, 'police'], [/./, 'resident']]

const SHOTS = path.join(__dirname, '..', '..', 'test-results', 'tour')

module.exports = ({ apiLogin }) => [
  {
    title: 'when every page of the app is opened by the person who uses it, in normal and 关怀模式, then axe-core finds no critical or serious violation on any',
    async run({ page, baseUrl }) {
      const pages = appPages()
      mkdirSync(SHOTS, { recursive: true })
      if (pages.length < 40) throw new Error(`only ${pages.length} pages read from src/navigation/routes.ts`)
      const tokens = {}
      for (const [, persona] of OPENED_BY) tokens[persona] ??= (await apiLogin(baseUrl, persona)).session.token
      await page.goto(`${baseUrl}/`)
      for (const care of [false, true]) {
        for (const pagePath of pages) {
          const token = tokens[OPENED_BY.find(([pattern]) => pattern.test(pagePath))[1]]
          await page.evaluate(({ token, care }) => {
            localStorage.setItem('xuanfang.token', JSON.stringify({ data: token }))
            localStorage.setItem('xuanfang.careMode', JSON.stringify({ data: care }))
            localStorage.setItem('xuanfang.careModeChosen', JSON.stringify({ data: true }))
          }, { token, care })
          await page.goto(`${baseUrl}/#/${pagePath}`)
          await page.reload()
          await page.locator(`.taro_page[id^="/${pagePath}"]`).first().waitFor({ state: 'visible', timeout: TIMEOUT })
          await page.waitForTimeout(DATA_ARRIVES_MS)
          const shownCare = await page.evaluate(() => Boolean(document.querySelector('.care-mode')))
          if (shownCare !== care) throw new Error(`${pagePath} shows ${shownCare ? '' : 'no '}关怀模式 when it was ${care ? 'on' : 'off'}`)
          await page.evaluate(() => window.__xfAxeNow())
          // Every page as its user sees it in both modes, to look at: test-results/tour/<page>[-care].png.
          await page.screenshot({ path: path.join(SHOTS, `${pagePath.replace(/\/index$/, '').replace(/\//g, '_')}${care ? '-care' : ''}.png`) })
        }
      }
    },
  },
]
