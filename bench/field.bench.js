// A villager's phone: cold loads of a shared bulletin link and of the resident home in Chromium with the network
// and CPU throttled through CDP (Slow 3G + 4× CPU, Fast 3G for reference). Reports when the first Chinese text
// was painted, LCP, when the app's own page showed the same words, and the bytes that crossed the network; median of 3
// cold loads each.
const { appShows, withResidentPages } = require('./resident-pages')

const RUNS = 3
// Chrome DevTools' presets: throughput in bytes/s, latency in ms.
const PROFILES = {
  'slow-3g': { latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8, cpu: 4 },
  'fast-3g': { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpu: 4 },
}

/** Runs in the page before its own scripts: the moment a Chinese character is first in the painted DOM, and LCP. */
const OBSERVE = `(() => {
  const m = { firstChinese: null, lcp: null }
  window.__field = m
  const check = () => { if (m.firstChinese === null && /[\\u4e00-\\u9fff]/.test(document.body ? document.body.innerText : '')) requestAnimationFrame(() => { if (m.firstChinese === null) m.firstChinese = performance.now() }) }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true })
  document.addEventListener('DOMContentLoaded', check)
  new PerformanceObserver((l) => { for (const e of l.getEntries()) m.lcp = e.startTime }).observe({ type: 'largest-contentful-paint', buffered: true })
})()`

async function coldLoad(browser, url, profile, readyText) {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'zh-CN' })
  await context.addInitScript(OBSERVE) // injected by the browser, outside the page's CSP
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile, connectionType: 'cellular3g' })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu })
  let bytes = 0
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength })
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 })
  // The HTML shell shows the same words first; the app's own page, interactive, is what comes after.
  await appShows(page, readyText)
  const appShownMs = await page.evaluate(() => performance.now())
  await page.waitForTimeout(1000) // let LCP settle after the last paint
  const m = await page.evaluate(() => window.__field)
  await context.close()
  return { firstChineseMs: Math.round(m.firstChinese), lcpMs: Math.round(m.lcp), appShownMs: Math.round(appShownMs), bytes }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

exports.run = () => withResidentPages(async ({ browser, pages: resident }) => {
  const pages = { 'shared-bulletin': resident.bulletin, 'resident-home': resident.home }
  const figures = {}
  for (const [profileName, profile] of Object.entries(PROFILES)) {
    for (const [pageName, { url, ready }] of Object.entries(pages)) {
      const runs = []
      for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, url, profile, ready))
      const f = {
        firstChineseMs: median(runs.map((r) => r.firstChineseMs)), lcpMs: median(runs.map((r) => r.lcpMs)),
        appShownMs: median(runs.map((r) => r.appShownMs)), bytes: median(runs.map((r) => r.bytes)), runs,
      }
      figures[`${profileName}/${pageName}`] = f
      console.log(`${profileName} ${pageName}: first Chinese text ${f.firstChineseMs} ms, LCP ${f.lcpMs} ms, app's page ${f.appShownMs} ms, ${f.bytes} B (median of ${RUNS})`)
    }
  }
  return { ...figures, goals: { firstChineseMs: 1500, lcpMs: { 'shared-bulletin': 3000, 'resident-home': 4000 }, profile: 'slow-3g' } }
})
