// axe-core on every page an e2e flow visits, in whichever mode it is shown (normal or 关怀模式).
// The page reports its own findings: an init script (run by the browser's debugger, so the app's
// Content-Security-Policy does not apply to it) checks the page once it has been still for a moment after it
// loads and after every route change, and hands the findings to the test through a binding that survives reloads.
const { readFileSync } = require('node:fs')

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
/** What the issue asks to fail on; moderate and minor findings are reported by axe but are not gates. */
const BLOCKING = new Set(['critical', 'serious'])
const SETTLE_MS = 700

function monitor(settleMs, blockingImpacts) {
  let timer
  let running = Promise.resolve()
  const check = () => {
    running = running.then(async () => {
      if (!/^https?:$/.test(location.protocol)) return
      const route = location.hash.replace(/^#/, '').split('?')[0] || '/'
      const care = Boolean(document.querySelector('.care-mode'))
      try {
        let result = await window.axe.run(document, { resultTypes: ['violations'] })
        // A toast fading in or out (Taro's H5 toast animates its opacity) reads as low contrast for that
        // tenth of a second: a finding counts only if it is still there once every animation has ended.
        if (result.violations.some((v) => blockingImpacts.includes(v.impact))) {
          await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})))
          await new Promise((resolve) => setTimeout(resolve, settleMs))
          result = await window.axe.run(document, { resultTypes: ['violations'] })
        }
        const violations = result.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.any[0] && n.any[0].message ? ` (${n.any[0].message})` : ''}`),
        }))
        await window.__xfAxeReport({ route, care, violations })
      } catch { /* the page went away mid-check: the next page is checked on its own */ }
    })
    return running
  }
  const later = () => { clearTimeout(timer); timer = setTimeout(check, settleMs) }
  window.addEventListener('load', later)
  window.addEventListener('hashchange', later)
  window.addEventListener('popstate', later)
  // Taro changes the hash through history.pushState/replaceState, which fire neither event.
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name].bind(history)
    history[name] = (...args) => { const out = original(...args); later(); return out }
  }
  window.__xfAxeNow = () => { clearTimeout(timer); return check() }
}

/**
 * Starts checking every page of a browser context. `findings()` lists the blocking violations seen so far,
 * one line per route, mode and rule; `settle(page)` checks the page as it is now before the flow ends.
 */
async function watchAccessibility(context) {
  const seen = new Map()
  const pages = new Set()
  await context.exposeBinding('__xfAxeReport', (_source, { route, care, violations }) => {
    pages.add(`${route}${care ? ' (关怀模式)' : ''}`)
    for (const v of violations) {
      if (!BLOCKING.has(v.impact)) continue
      const key = `${route}${care ? ' (关怀模式)' : ''} · ${v.id}`
      if (!seen.has(key)) seen.set(key, `${key} [${v.impact}] ${v.help}: ${v.targets.join(' | ')}`)
    }
  })
  await context.addInitScript({ content: `${AXE_SOURCE}\n;(${monitor.toString()})(${SETTLE_MS}, ${JSON.stringify([...BLOCKING])});` })
  return {
    findings: () => [...seen.values()],
    pagesChecked: () => [...pages],
    settle: async (page) => { await page.evaluate(() => window.__xfAxeNow && window.__xfAxeNow()).catch(() => {}) },
  }
}

module.exports = { watchAccessibility }
