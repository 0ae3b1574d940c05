// Runs the production weapp build (dist/weapp) in WeChat's simulator, miniprogram-simulate: WeChat's own WXML
// compiler (wcc) and component framework (exparser) render Taro's templates, and Taro's runtime runs unchanged.
// The simulator leaves out the app and page layer and most of `wx`, so this file supplies them:
//   - App / Page / getApp / getCurrentPages and a page stack behind navigateTo, redirectTo, navigateBack,
//     switchTab and reLaunch;
//   - storage with WeChat's semantics (a copy is stored; a missing key reads as '') in a Map a test may keep
//     across an app restart;
//   - request / uploadFile / downloadFile that really reach the test server (the build's compiled API_BASE_URL
//     host is mapped onto it, as a phone's DNS would), and a network switch that makes them fail as WeChat does;
//   - fakes only for WeChat's own services: login codes from the fake WeChat, scan results, share tickets,
//     subscribe answers, location, media, the phone dialer, and a Canvas 2D node that records what is drawn.
const http = require('node:http')
const fs = require('node:fs')
const path = require('node:path')

const DIST = path.join(__dirname, '..', '..', '..', 'dist', 'weapp')
/**
 * The host the build's API_BASE_URL names (config/index.ts: the env variable at build time, else 127.0.0.1:3000);
 * requests to it go to the test server. Anything else is refused, as WeChat refuses a host outside the app's
 * request domains, so a test never reaches a real deployment.
 */
const COMPILED_API_HOSTS = [...new Set([process.env.API_BASE_URL, 'http://127.0.0.1:3000', 'http://localhost:3000'].filter(Boolean))]
/** The oldest base library the app declares (project.config.json libVersion, README). */
const MIN_BASE_LIBRARY = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'project.config.json'), 'utf8')).libVersion

const serverBase = () => {
  if (!process.env.WEAPP_SERVER) throw new Error('WEAPP_SERVER is not set: run through tests/weapp/jest.config.js')
  return process.env.WEAPP_SERVER
}

function appJson() {
  return JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
}

/** Every page route of app.json: main package first, then each subpackage. */
function allRoutes() {
  const app = appJson()
  return [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
}

function parseUrl(url, from) {
  const [rawPath, rawQuery = ''] = url.split('?')
  let route = rawPath.replace(/^\//, '')
  if (!rawPath.startsWith('/') && from) route = path.posix.normalize(path.posix.join(path.posix.dirname(from), rawPath))
  const query = {}
  for (const part of rawQuery.split('&').filter(Boolean)) {
    const [k, v = ''] = part.split('=')
    query[decodeURIComponent(k)] = decodeURIComponent(v)
  }
  return { route, query }
}

/** Calls a wx-style API's callbacks, after the current tick as WeChat does. */
function answer(options, result, ok = true) {
  return new Promise((resolve) => {
    setTimeout(() => {
      try {
        if (ok) options?.success?.(result)
        else options?.fail?.(result)
        options?.complete?.(result)
      } finally {
        resolve(result)
      }
    }, 0)
  })
}

/** The JSON round trip WeChat's storage makes: what comes back is a copy, never the stored object. */
const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)))

class Network {
  constructor() {
    this.online = true
    this.listeners = []
    /** While set, requests wait (a weak signal): pages stay in their loading state until `release()`. */
    this.held = null
  }

  hold() {
    let release
    this.held = new Promise((r) => { release = r })
    this.release = () => { this.held = null; release() }
  }

  set(online) {
    this.online = online
    for (const l of [...this.listeners]) l({ isConnected: online, networkType: online ? 'wifi' : 'none' })
  }
}

/** Node http for wx.request / uploadFile / downloadFile; resolves { statusCode, header, body: Buffer }. */
function httpCall(url, { method = 'GET', header = {}, body }) {
  let target = url
  for (const host of COMPILED_API_HOSTS) if (target.startsWith(host)) target = serverBase() + target.slice(host.length)
  const allowed = [serverBase(), process.env.WEAPP_WECHAT_CONTROL].filter(Boolean)
  if (!allowed.some((base) => target.startsWith(`${base}/`))) return Promise.reject(new Error(`url not in domain list: ${url}`))
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method, headers: header }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ statusCode: res.statusCode, header: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

/** fetch-like JSON call over node http (jsdom's window has no fetch): the harness's own calls to the servers. */
async function httpJson(url, { method = 'GET', token, body } = {}) {
  const header = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }
  const res = await httpCall(url, { method, header, body: body !== undefined ? JSON.stringify(body) : undefined })
  const text = res.body.toString('utf8')
  let data = text
  try { data = JSON.parse(text) } catch { /* not JSON */ }
  if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${text.slice(0, 300)}`)
  return data
}

function encodeRequestBody(method, data, header) {
  if (data === undefined || data === null) return { url: '', body: undefined }
  if (method === 'GET' || method === 'DELETE') {
    const qs = typeof data === 'string' ? data : Object.entries(data).filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : v)}`).join('&')
    return { url: qs, body: undefined }
  }
  if (data instanceof ArrayBuffer) return { url: '', body: Buffer.from(data) }
  if (typeof data === 'string') return { url: '', body: data }
  const type = Object.entries(header).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/json'
  if (type.includes('x-www-form-urlencoded')) {
    return { url: '', body: Object.entries(data).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') }
  }
  if (!Object.keys(header).some((k) => k.toLowerCase() === 'content-type')) header['content-type'] = 'application/json'
  return { url: '', body: JSON.stringify(data) }
}

function multipart(fields, fileField, fileName, bytes) {
  const boundary = `----weapp${Math.random().toString(16).slice(2)}`
  const parts = []
  for (const [k, v] of Object.entries(fields ?? {})) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${fileName}"\r\nContent-Type: ${fileName.endsWith('.png') ? 'image/png' : 'image/jpeg'}\r\n\r\n`))
  parts.push(bytes, Buffer.from(`\r\n--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

/**
 * The wx object the app sees: the simulator's stubs, with everything below replaced by working versions.
 * `fakes` are a test's answers for WeChat's own services; `state` is the app's storage, files and network.
 */
function buildWx(base, state, fakes, mp) {
  const { storage, files, network } = state
  let tempCounter = 0
  const tempFile = (bytes, ext = 'jpg') => {
    const p = `wxfile://tmp_${++tempCounter}_${Date.now()}.${ext}`
    files.set(p, bytes)
    return p
  }
  const record = (name, arg) => mp.calls.push({ name, arg })
  mp.inflight = 0
  /** Counts network calls in flight, so that a test can wait until a page has what it asked for. */
  const track = (promise) => {
    mp.inflight++
    promise.finally(() => { mp.inflight-- })
  }
  const wx = Object.assign(base, {
    canIUse: (schema) => {
      const api = String(schema).split('.')[0]
      return typeof wx[api] !== 'undefined'
    },
    getSystemInfoSync: () => ({ ...mp.systemInfo }),
    getAppBaseInfo: () => ({ SDKVersion: mp.systemInfo.SDKVersion, language: 'zh_CN', version: '8.0.50', theme: 'light', fontSizeSetting: mp.systemInfo.fontSizeSetting }),
    getWindowInfo: () => ({ pixelRatio: 2, screenWidth: 375, screenHeight: 667, windowWidth: 375, windowHeight: 603, statusBarHeight: 20, safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 }, screenTop: 0 }),

    // Storage: real semantics in a Map.
    setStorageSync: (key, data) => { storage.set(key, copy(data)) },
    getStorageSync: (key) => (storage.has(key) ? copy(storage.get(key)) : ''),
    removeStorageSync: (key) => { storage.delete(key) },
    clearStorageSync: () => { storage.clear() },
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    setStorage: (o) => { storage.set(o.key, copy(o.data)); return answer(o, { errMsg: 'setStorage:ok' }) },
    getStorage: (o) => (storage.has(o.key)
      ? answer(o, { data: copy(storage.get(o.key)), errMsg: 'getStorage:ok' })
      : answer(o, { errMsg: 'getStorage:fail data not found' }, false)),
    removeStorage: (o) => { storage.delete(o.key); return answer(o, { errMsg: 'removeStorage:ok' }) },
    clearStorage: (o) => { storage.clear(); return answer(o, { errMsg: 'clearStorage:ok' }) },
    getStorageInfo: (o) => answer(o, { keys: [...storage.keys()], currentSize: 0, limitSize: 10240, errMsg: 'getStorageInfo:ok' }),

    // Network.
    onNetworkStatusChange: (fn) => { network.listeners.push(fn) },
    offNetworkStatusChange: (fn) => { network.listeners = fn ? network.listeners.filter((l) => l !== fn) : [] },
    getNetworkType: (o) => answer(o, { networkType: network.online ? 'wifi' : 'none', errMsg: 'getNetworkType:ok' }),
    request: (o) => {
      let aborted = false
      const method = (o.method || 'GET').toUpperCase()
      const header = { ...(o.header || {}) }
      const { url: qs, body } = encodeRequestBody(method, o.data, header)
      const url = qs ? `${o.url}${o.url.includes('?') ? '&' : '?'}${qs}` : o.url
      record('request', { url, method })
      const run = async () => {
        if (network.held) await network.held
        if (!network.online) return answer(o, { errMsg: 'request:fail timeout' }, false)
        await new Promise((r) => setTimeout(r, 0))
        try {
          const res = await httpCall(url, { method, header, body })
          if (aborted) return answer(o, { errMsg: 'request:fail abort' }, false)
          let data
          if (o.responseType === 'arraybuffer') data = res.body.buffer.slice(res.body.byteOffset, res.body.byteOffset + res.body.length)
          else {
            data = res.body.toString('utf8')
            if (o.dataType !== 'text' && o.dataType !== '其他') { try { data = JSON.parse(data) } catch { /* WeChat keeps the text */ } }
          }
          return answer(o, { data, statusCode: res.statusCode, header: res.header, cookies: [], errMsg: 'request:ok' })
        } catch (e) {
          return answer(o, { errMsg: `request:fail ${e.message}` }, false)
        }
      }
      track(run())
      return { abort: () => { aborted = true }, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} }
    },
    uploadFile: (o) => {
      record('uploadFile', { url: o.url, name: o.name, formData: o.formData })
      const run = async () => {
        if (!network.online) return answer(o, { errMsg: 'uploadFile:fail timeout' }, false)
        const bytes = files.get(o.filePath)
        if (!bytes) return answer(o, { errMsg: `uploadFile:fail file not found ${o.filePath}` }, false)
        const { body, contentType } = multipart(o.formData, o.name, path.posix.basename(o.filePath), bytes)
        try {
          const res = await httpCall(o.url, { method: 'POST', header: { ...(o.header || {}), 'content-type': contentType }, body })
          return answer(o, { data: res.body.toString('utf8'), statusCode: res.statusCode, errMsg: 'uploadFile:ok' })
        } catch (e) {
          return answer(o, { errMsg: `uploadFile:fail ${e.message}` }, false)
        }
      }
      track(run())
      return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    },
    downloadFile: (o) => {
      record('downloadFile', { url: o.url })
      const run = async () => {
        if (!network.online) return answer(o, { errMsg: 'downloadFile:fail timeout' }, false)
        try {
          const res = await httpCall(o.url, { method: 'GET', header: o.header || {} })
          return answer(o, { tempFilePath: tempFile(res.body, 'bin'), statusCode: res.statusCode, errMsg: 'downloadFile:ok' })
        } catch (e) {
          return answer(o, { errMsg: `downloadFile:fail ${e.message}` }, false)
        }
      }
      track(run())
      return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    },
    getFileSystemManager: () => ({
      readFile: (o) => {
        const bytes = files.get(o.filePath)
        if (!bytes) return answer(o, { errMsg: 'readFile:fail no such file or directory' }, false)
        const data = o.encoding ? bytes.toString(o.encoding) : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)
        return answer(o, { data, errMsg: 'readFile:ok' })
      },
      readFileSync: (filePath, encoding) => {
        const bytes = files.get(filePath)
        if (!bytes) throw new Error('readFileSync:fail no such file or directory')
        return encoding ? bytes.toString(encoding) : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)
      },
      writeFile: (o) => {
        files.set(o.filePath, Buffer.isBuffer(o.data) ? o.data : typeof o.data === 'string' ? Buffer.from(o.data, o.encoding || 'utf8') : Buffer.from(o.data))
        return answer(o, { errMsg: 'writeFile:ok' })
      },
      writeFileSync: (filePath, data, encoding) => {
        files.set(filePath, typeof data === 'string' ? Buffer.from(data, encoding || 'utf8') : Buffer.from(data))
      },
      getFileInfo: (o) => answer(o, { size: files.get(o.filePath)?.length ?? 0, errMsg: 'getFileInfo:ok' }),
      unlink: (o) => { files.delete(o.filePath); return answer(o, { errMsg: 'unlink:ok' }) },
    }),

    // WeChat's own services.
    login: async (o) => {
      record('login', {})
      const { code } = await httpJson(`${process.env.WEAPP_WECHAT_CONTROL}/code?openid=${encodeURIComponent(mp.openid)}`)
      return answer(o, { code, errMsg: 'login:ok' })
    },
    checkSession: (o) => answer(o, { errMsg: 'checkSession:ok' }),
    scanCode: (o) => {
      record('scanCode', o)
      const next = fakes.scanResults.shift()
      if (!next) return answer(o, { errMsg: 'scanCode:fail cancel' }, false)
      return answer(o, { result: next, scanType: 'QR_CODE', charSet: 'UTF-8', path: '', rawData: '', errMsg: 'scanCode:ok' })
    },
    makePhoneCall: (o) => { record('makePhoneCall', { phoneNumber: o.phoneNumber }); return answer(o, { errMsg: 'makePhoneCall:ok' }) },
    requestSubscribeMessage: (o) => {
      record('requestSubscribeMessage', { tmplIds: o.tmplIds })
      const verdict = fakes.subscribeAnswer
      const result = { errMsg: 'requestSubscribeMessage:ok' }
      for (const id of o.tmplIds) result[id] = verdict
      return answer(o, result)
    },
    getGroupEnterInfo: (o) => {
      record('getGroupEnterInfo', { shareTicket: o.shareTicket })
      const sealed = fakes.groupEnterInfo?.(o.shareTicket)
      if (!sealed) return answer(o, { errMsg: 'getGroupEnterInfo:fail invalid shareTicket' }, false)
      return Promise.resolve(sealed).then((s) => answer(o, { ...s, errMsg: 'getGroupEnterInfo:ok' }))
    },
    showShareMenu: (o) => { record('showShareMenu', o); return answer(o, { errMsg: 'showShareMenu:ok' }) },
    getLocation: async (o) => {
      record('getLocation', o)
      // Since 2.32.3 a personal-data API first asks the app's onNeedPrivacyAuthorization listener, and waits for it.
      if (fakes.privacyConsentNeeded && mp.privacyHandlers.length) {
        const decision = await new Promise((resolve) => {
          mp.privacyHandlers.at(-1)((option) => { if (option.event !== 'exposureAuthorization') resolve(option.event) })
        })
        if (decision !== 'agree') return answer(o, { errMsg: 'getLocation:fail privacy permission is not authorized' }, false)
        fakes.privacyConsentNeeded = false
      }
      if (fakes.location === 'denied') return answer(o, { errMsg: 'getLocation:fail auth deny' }, false)
      return answer(o, { ...fakes.location, accuracy: 30, errMsg: 'getLocation:ok' })
    },
    authorize: (o) => (fakes.location === 'denied' ? answer(o, { errMsg: 'authorize:fail auth deny' }, false) : answer(o, { errMsg: 'authorize:ok' })),
    getSetting: (o) => answer(o, { authSetting: { 'scope.userLocation': fakes.location !== 'denied' }, errMsg: 'getSetting:ok' }),
    openSetting: (o) => answer(o, { authSetting: {}, errMsg: 'openSetting:ok' }),
    chooseMedia: (o) => {
      record('chooseMedia', o)
      const picked = fakes.media.splice(0, o.count || 9)
      if (!picked.length) return answer(o, { errMsg: 'chooseMedia:fail cancel' }, false)
      const tempFiles = picked.map((m) => ({ tempFilePath: tempFile(m.bytes), size: m.bytes.length, fileType: 'image', width: m.width, height: m.height }))
      return answer(o, { tempFiles, type: 'image', errMsg: 'chooseMedia:ok' })
    },
    compressImage: (o) => {
      record('compressImage', { src: o.src, quality: o.quality, compressedWidth: o.compressedWidth })
      const bytes = files.get(o.src)
      if (!bytes) return answer(o, { errMsg: 'compressImage:fail file not found' }, false)
      // The simulator has no image codec: the "compressed" file is the same JPEG under a new temporary path.
      return answer(o, { tempFilePath: tempFile(bytes), errMsg: 'compressImage:ok' })
    },
    getImageInfo: (o) => answer(o, { width: 1600, height: 1200, type: 'jpeg', path: o.src, orientation: 'up', errMsg: 'getImageInfo:ok' }),
    setClipboardData: (o) => { record('setClipboardData', o); return answer(o, { errMsg: 'setClipboardData:ok' }) },
    openDocument: (o) => { record('openDocument', o); return answer(o, { errMsg: 'openDocument:ok' }) },
    saveImageToPhotosAlbum: (o) => { record('saveImageToPhotosAlbum', o); return answer(o, { errMsg: 'saveImageToPhotosAlbum:ok' }) },
    previewImage: (o) => { record('previewImage', o); return answer(o, { errMsg: 'previewImage:ok' }) },
    showToast: (o) => { mp.toasts.push(o.title); return answer(o, { errMsg: 'showToast:ok' }) },
    showModal: (o) => {
      mp.modals.push({ title: o.title, content: o.content })
      const confirm = fakes.modalAnswers.length ? fakes.modalAnswers.shift() : true
      return answer(o, { confirm, cancel: !confirm, content: '', errMsg: 'showModal:ok' })
    },
    showActionSheet: (o) => answer(o, { tapIndex: 0, errMsg: 'showActionSheet:ok' }),
    createSelectorQuery: () => selectorQuery(mp),
    onNeedPrivacyAuthorization: (fn) => { mp.privacyHandlers.push(fn) },
    getEnterOptionsSync: () => ({ ...mp.launchOptions }),
    getLaunchOptionsSync: () => ({ ...mp.launchOptions }),
    onAppShow: (fn) => { mp.appShowListeners.push(fn) },
    offAppShow: () => {},

    // Navigation: a page stack of simulator components.
    navigateTo: (o) => mp.navigate('navigateTo', o),
    redirectTo: (o) => mp.navigate('redirectTo', o),
    navigateBack: (o) => mp.navigate('navigateBack', o || {}),
    switchTab: (o) => mp.navigate('switchTab', o),
    reLaunch: (o) => mp.navigate('reLaunch', o),
  })
  for (const name of mp.missingApis) delete wx[name]
  return wx
}

/** A chainable selector query; `select('#id').fields({node})` answers a fake Canvas 2D node for canvases. */
function selectorQuery(mp) {
  const requests = []
  const query = {
    in: () => query,
    select: (selector) => nodesRef(selector, false),
    selectAll: (selector) => nodesRef(selector, true),
    selectViewport: () => nodesRef('viewport', false),
    exec: (cb) => {
      const results = requests.map((r) => r())
      setTimeout(() => cb?.(results), 0)
      return query
    },
  }
  function nodesRef(selector, all) {
    const make = (kind) => (arg, cb) => {
      requests.push(() => {
        const one = mp.describeNode(selector, kind, arg)
        const res = all ? [one] : one
        cb?.(res)
        return res
      })
      return query
    }
    return { fields: make('fields'), boundingClientRect: (cb) => make('rect')(undefined, cb), node: (cb) => make('node')(undefined, cb), scrollOffset: (cb) => make('scroll')(undefined, cb), context: (cb) => make('context')(undefined, cb) }
  }
  return query
}

/** Waits until `predicate()` is truthy (React renders on its scheduler, requests come back later); `what` may be a function, described when the wait fails. */
async function waitFor(predicate, what, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs
  let last
  for (;;) {
    try {
      last = predicate()
      if (last) return last
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) {
      const described = typeof what === 'function' ? what() : what
      throw new Error(`timed out waiting for ${described}${last instanceof Error ? `: ${last.message}` : ''}`)
    }
    await new Promise((r) => setTimeout(r, 25))
  }
}

module.exports = { DIST, MIN_BASE_LIBRARY, allRoutes, appJson, parseUrl, buildWx, Network, waitFor, answer, serverBase, httpCall, httpJson }
