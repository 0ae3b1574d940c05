// Flows for phones on village networks (issue 16): what arrives before any script runs, and how the files travel.
const http = require('node:http')

const TIMEOUT = 20_000
const visible = (page, text) => page.getByText(text, { exact: false }).filter({ visible: true }).first()
const see = (page, text) => visible(page, text).waitFor({ state: 'visible', timeout: TIMEOUT })

/** A plain request with a chosen Accept-Encoding; the body is not decoded, so what the wire carried is visible. */
function head(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.headers))
    }).on('error', reject)
  })
}

function expectHeader(headers, name, expected, what) {
  if (headers[name] !== expected) throw new Error(`${what}: ${name} is ${JSON.stringify(headers[name])}, expected ${JSON.stringify(expected)}`)
}

module.exports = [
  {
    title: 'when a phone loads the app, then its scripts and styles come brotli-compressed (gzip if only that is accepted) and cached for a year, the shell revalidated every time',
    async run({ baseUrl }) {
      const html = await (await fetch(`${baseUrl}/`)).text()
      const assets = [...html.matchAll(/(?:src|href)="(\/(?:js|css)\/[^"]+)"/g)].map((m) => m[1])
      if (!assets.some((a) => a.endsWith('.js')) || !assets.some((a) => a.endsWith('.css'))) throw new Error(`no script or style in the shell: ${assets}`)
      for (const asset of assets) {
        const br = await head(`${baseUrl}${asset}`, 'gzip, deflate, br')
        expectHeader(br, 'content-encoding', 'br', asset)
        expectHeader(br, 'cache-control', 'public, max-age=31536000, immutable', asset)
        expectHeader(await head(`${baseUrl}${asset}`, 'gzip, deflate'), 'content-encoding', 'gzip', `${asset} (gzip only)`)
      }
      const shell = await head(`${baseUrl}/`, 'gzip, deflate, br')
      expectHeader(shell, 'cache-control', 'no-cache', 'index.html')
      expectHeader(shell, 'content-encoding', 'br', 'index.html')
    },
  },
  {
    title: 'when no script has run yet, then the page already shows the app\'s name, 正在加载… and 反诈专线 96110 to tap, and the app replaces them once it shows',
    async run({ page, baseUrl, screenshot }) {
      const context = await page.context().browser().newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN', javaScriptEnabled: false })
      const bare = await context.newPage()
      await bare.goto(`${baseUrl}/`)
      await see(bare, '反诈宣防通')
      await see(bare, '正在加载…')
      const hotline = bare.getByRole('link', { name: '反诈专线 96110' })
      await hotline.waitFor({ state: 'visible', timeout: TIMEOUT })
      if (await hotline.getAttribute('href') !== 'tel:96110') throw new Error(`the hotline link dials ${await hotline.getAttribute('href')}`)
      await bare.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', 'e2e-boot-shell.png') })
      await context.close()

      await page.goto(`${baseUrl}/`)
      await see(page, '看通报')
      await page.getByText('正在加载…', { exact: true }).first().waitFor({ state: 'hidden', timeout: TIMEOUT })
      await screenshot('e2e-boot-shell-replaced')
    },
  },
  {
    title: 'when the app\'s code has not arrived yet, then a shared bulletin link already shows the bulletin\'s words and the home its three entries, which work',
    async run({ page, baseUrl }) {
      const { items } = await (await fetch(`${baseUrl}/api/public/bulletins?page=1&pageSize=1`)).json()
      const bulletin = await (await fetch(`${baseUrl}/api/public/bulletins/${items[0].id}`)).json()
      const context = await page.context().browser().newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN', serviceWorkers: 'block' })
      // The app's code held back as on a slow network: only the HTML shell and its inline script run until it is let through.
      let letCodeThrough
      const codeHeld = new Promise((resolve) => { letCodeThrough = resolve })
      await context.route(/\/js\/.*\.js$/, async (route) => { await codeHeld; await route.continue().catch(() => {}) })
      const waiting = await context.newPage()
      await waiting.goto(`${baseUrl}/#/pages/bulletin/index?id=${bulletin.id}`, { waitUntil: 'commit' })
      await see(waiting, bulletin.title)
      await see(waiting, bulletin.cases[0].method.slice(0, 20))
      await see(waiting, `警方提醒：${bulletin.advice.slice(0, 10)}`)
      await waiting.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', 'e2e-boot-shell-bulletin.png') })

      await waiting.goto(`${baseUrl}/`, { waitUntil: 'commit' })
      await waiting.getByRole('link', { name: '看通报' }).waitFor({ state: 'visible', timeout: TIMEOUT })
      await see(waiting, '接到可疑电话或已经转账')
      await waiting.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', 'e2e-boot-shell-home.png') })
      await waiting.evaluate(() => localStorage.setItem('xuanfang.careMode', JSON.stringify({ data: true })))
      await waiting.reload({ waitUntil: 'commit' })
      const careSize = await waiting.getByText('接到可疑电话或已经转账').first().evaluate((node) => parseFloat(getComputedStyle(node).fontSize))
      if (careSize < 20) throw new Error(`in 关怀模式 the shell's text is ${careSize}px`)
      await waiting.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', 'e2e-boot-shell-home-care.png') })
      await waiting.evaluate(() => localStorage.removeItem('xuanfang.careMode'))
      await waiting.reload({ waitUntil: 'commit' })
      // Tapped before the code arrives, an entry is a plain link: the router opens its page when it starts.
      await waiting.getByRole('link', { name: '学防骗' }).click()
      letCodeThrough()
      await see(waiting, '刷单返利')
      await waiting.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', 'e2e-boot-shell-entry-followed.png') })
      await context.close()
    },
  },
  {
    title: 'when a resident opens a bulletin, then its text shows without the poster image, which is fetched only when scrolled to',
    async run({ page, baseUrl, screenshot }) {
      const { items } = await (await fetch(`${baseUrl}/api/public/bulletins?page=1&pageSize=20`)).json()
      if (!items.length) throw new Error('the demo seed has no published bulletin')
      const posterRequests = []
      page.on('request', (r) => { if (r.url().includes('/poster.png')) posterRequests.push(r.url()) })
      await page.goto(`${baseUrl}/#/pages/bulletin/index?id=${items[0].id}`)
      await see(page, items[0].title)
      // Opened from a forwarded link too, the bulletin offers the calls for help.
      for (const label of ['拨打 96110', '报警 110']) await see(page, label)
      const posterTitle = page.getByText('通报海报').filter({ visible: true }).first()
      await posterTitle.waitFor({ state: 'visible', timeout: TIMEOUT })
      if (posterRequests.length) throw new Error(`the poster was fetched before it was scrolled to: ${posterRequests}`)
      await screenshot('e2e-bulletin-poster-deferred')

      const fetched = page.waitForResponse((r) => r.url().includes('/poster.png'), { timeout: TIMEOUT })
      await page.getByRole('link', { name: '保存海报' }).filter({ visible: true }).first().scrollIntoViewIfNeeded()
      if ((await fetched).status() !== 200) throw new Error('the poster did not load once scrolled to')
    },
  },
]
