// After `taro build --type h5`, before precompress-h5.js: writes dist/h5/sw.js with Workbox (workbox-build generateSW).
//
// - Precached on the first visit: index.html (revisioned) and the code and styles of every resident and worker page,
//   so 去走访 opens offline even if the worker never opened a form while online. Admin pages are cached only once
//   opened: residents on Slow 3G should not download the admin console in the background.
// - Pages (navigations) always ask the network first: a new build shows at once; the precached shell, which matches
//   the precached code, is the answer only when the network fails or stalls.
// - Only the PUBLIC resident API is cached (bulletin list, the last 7 bulletins, the fraud-type library): its answers are
//   the same for every caller, so a shared phone cannot show one person's data to another. Nothing under /api/ that
//   needs a session is ever stored by the service worker, so signing out has no service-worker cache to clear.
// - A cached answer used in place of the network is announced to the page (message 'xf-cache'), which then shows
//   离线 · 上次更新 … (src/components/offline-banner).
const { readdirSync, readFileSync } = require('node:fs')
const path = require('node:path')
const { generateSW } = require('workbox-build')

const dir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist', 'h5'))

/** The wait before a stalled network gives way to the kept copy: long enough for Slow 3G, short enough to read. */
const NETWORK_TIMEOUT_SECONDS = 6

// Plugins are copied into sw.js as source text on one line (workbox-build stringifies them): each function must stand
// alone, and every statement ends with a semicolon.
const announceToPage = {
  cachedResponseWillBeUsed: async ({ event, request, cachedResponse }) => {
    const client = cachedResponse && event && event.clientId ? await self.clients.get(event.clientId) : null;
    if (client) client.postMessage({ type: 'xf-cache', url: request.url, savedAt: cachedResponse.headers.get('date') });
    return cachedResponse;
  },
  fetchDidSucceed: async ({ event, request, response }) => {
    // A retracted (410) or withdrawn (404) bulletin must not stay readable offline from an older copy.
    if (response.status === 404 || response.status === 410) {
      for (const name of await caches.keys()) await (await caches.open(name)).delete(request.url);
    }
    const client = response.ok && event && event.clientId ? await self.clients.get(event.clientId) : null;
    if (client) client.postMessage({ type: 'xf-fresh', url: request.url });
    return response;
  },
}

/** A route of the public resident API; a RegExp, since workbox-build copies a function without what it refers to. */
function publicApi(cacheName, urlPattern, maxEntries) {
  return {
    urlPattern,
    handler: 'NetworkFirst',
    options: {
      cacheName,
      networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
      // Past the browser's own HTTP cache (the server allows 60 s): otherwise an answer the browser kept looks like a
      // fresh one from the network, and offline the page could not tell how old it is.
      fetchOptions: { cache: 'no-cache' },
      expiration: { maxEntries, maxAgeSeconds: 30 * 24 * 3600 },
      cacheableResponse: { statuses: [200] },
      plugins: [announceToPage],
    },
  }
}

/**
 * Chunk ids that only admin pages load. Taro's H5 router lists each page as `"path":"<route>","load":function(…){return[
 * Promise.all([o.e(12),o.e(34)…])`; webpack names the chunks by id (`js/12.<hash>.js`). A build that no longer reads so
 * stops here rather than silently precaching nothing.
 */
function adminOnlyChunks() {
  const app = readdirSync(path.join(dir, 'js')).find((f) => /^app\.[0-9a-f]{8}\.js$/.test(f))
  if (!app) throw new Error(`build-sw: no js/app.<hash>.js in ${dir}`)
  const code = readFileSync(path.join(dir, 'js', app), 'utf8')
  const pages = [...code.matchAll(/"path":"([^"]+)","load":function\([^)]*\)\{return\[Promise\.all\(\[([^\]]*)\]\)/g)]
    .map(([, route, loads]) => ({ route, chunks: [...loads.matchAll(/\.e\((\d+)\)/g)].map((m) => m[1]) }))
  if (!pages.some((p) => p.route.startsWith('packages/admin/')) || !pages.some((p) => p.route === 'pages/home/index')) {
    throw new Error(`build-sw: could not read the page chunks from ${app} (found ${pages.length} pages)`)
  }
  const needed = new Set(pages.filter((p) => !p.route.startsWith('packages/admin/')).flatMap((p) => p.chunks))
  return [...new Set(pages.flatMap((p) => p.chunks))].filter((id) => !needed.has(id))
}

async function main() {
  const adminOnly = adminOnlyChunks()
  const adminFiles = adminOnly.flatMap((id) => [`js/${id}.*.js`, `css/${id}.*.css`])
  const { count, size, warnings } = await generateSW({
    globDirectory: dir,
    swDest: path.join(dir, 'sw.js'),
    globPatterns: ['index.html', 'js/**/*.js', 'css/**/*.css'],
    globIgnores: [...adminFiles, '**/*.br', '**/*.gz', '**/*.LICENSE.txt'],
    // Hashed names change with their content: no revision needed, and the server sends them immutable.
    dontCacheBustURLsMatching: /\.[0-9a-f]{8}\.[a-z0-9]+$/,
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: 'production',
    cleanupOutdatedCaches: true,
    // A new build takes over at once; every page asks the network for index.html first, so no one keeps an old shell.
    skipWaiting: true,
    clientsClaim: true,
    navigateFallback: null,
    runtimeCaching: [
      {
        urlPattern: ({ request, url }) => request.mode === 'navigate' && !url.pathname.startsWith('/api/'),
        handler: 'NetworkFirst',
        options: {
          cacheName: 'xf-shell',
          networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
          // Never kept at runtime: an old shell would name code that a newer precache has dropped. The precached shell
          // always matches the precached code.
          plugins: [{ cacheWillUpdate: async () => null }],
          precacheFallback: { fallbackURL: '/index.html' },
        },
      },
      publicApi('xf-bulletin-list', /^https?:\/\/[^/]+\/api\/public\/bulletins(\?.*)?$/, 4),
      publicApi('xf-bulletins', /^https?:\/\/[^/]+\/api\/public\/bulletins\/[^/?]+(\?.*)?$/, 7),
      publicApi('xf-knowledge', /^https?:\/\/[^/]+\/api\/public\/knowledge(\/[^/?]+)?(\?.*)?$/, 30),
      // Admin code, once opened, stays for the next time without the network; its names are hashed, so never stale.
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/(js|css)\/[^/]+\.[0-9a-f]{8}\.(js|css)$/.test(url.pathname),
        handler: 'CacheFirst',
        options: { cacheName: 'xf-admin-code', expiration: { maxEntries: 80 } },
      },
    ],
  })
  for (const w of warnings) console.warn(`build-sw: ${w}`)
  console.log(`sw.js precaches ${count} files (${size} B raw); ${adminOnly.length} admin-only chunks are cached once opened`)
}

main().catch((e) => { console.error(e); process.exit(1) })
