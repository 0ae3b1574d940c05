import { keptAnswers, type CacheNotice, type KeptAnswers } from './kept-answers'

/** Public answers the page fetched before the service worker controlled it (the first visit). */
const PUBLIC_API = /\/api\/public\/(bulletins|knowledge)(\/[^/?]+)?(\?|$)/

/**
 * H5 only: installs the Workbox service worker built by scripts/build-sw.js, so that the app opens and the resident
 * pages read offline after one visit, and wires its notices and the browser's online state into `kept`.
 */
export function startOfflineSupport(kept: KeptAnswers = keptAnswers): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return
  kept.setOffline(!navigator.onLine)
  window.addEventListener('offline', () => kept.setOffline(true))
  window.addEventListener('online', () => kept.setOffline(false))
  // Development builds have no sw.js; a stale worker there would serve old code to the developer.
  if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return
  const sw = navigator.serviceWorker
  sw.addEventListener('message', (event: MessageEvent<CacheNotice>) => {
    if (event.data?.type === 'xf-cache' || event.data?.type === 'xf-fresh') kept.hear(event.data, new Date())
  })
  sw.startMessages()
  const hadController = sw.controller !== null
  sw.addEventListener('controllerchange', () => {
    // On the first visit the page loaded its bulletins before the worker took over: ask once more through it, so
    // that what was just read is also readable offline.
    if (!hadController) for (const url of publicAnswersLoaded()) void fetch(url).catch(() => undefined)
  })
  // After the page has loaded: the precache download must not compete with the first paint on Slow 3G.
  const register = () => void sw.register('/sw.js').catch(() => undefined)
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}

function publicAnswersLoaded(): string[] {
  const urls = performance.getEntriesByType('resource').map((e) => e.name).filter((url) => PUBLIC_API.test(url))
  return [...new Set(urls)]
}
