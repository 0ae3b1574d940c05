// Starting the built app in the simulator and driving its pages like a user: see mini-program.js for what is real
// and what is faked. `launch()` is a cold start: the module registry is reset, so app.js, Taro and every page run
// afresh, and only what the test hands over (storage, files) survives, as on a phone after the app is killed.
const path = require('node:path')
const { DIST, MIN_BASE_LIBRARY, allRoutes, appJson, parseUrl, buildWx, Network, waitFor, serverBase, httpJson } = require('./mini-program')
const { FakeCanvasNode } = require('./fake-canvas')

/** Persona id (server/src/seed/demo-personas.ts) → who it is, for test titles. */
const PERSONAS = {
  police: '李警官 (admin)',
  cadre: '王书记 (cadre)',
  grid_worker: '张网格 (grid worker)',
  dissuader: '陈劝阻 (dissuader)',
  resident: '刘大爷 (resident)',
}

const TOKEN_KEY = 'xuanfang.token'

/** Signs a persona in through the server's demo login, as the login page's one-tap button does. */
async function demoToken(personaId) {
  return (await httpJson(`${serverBase()}/api/auth/demo-login`, { method: 'POST', body: { personaId } })).token
}

/** Calls the real server as a persona would, for arranging data and checking what the app stored. */
function api(token, method, urlPath, body) {
  return httpJson(`${serverBase()}${urlPath}`, { method, token, body })
}

/**
 * Signs this phone's WeChat user in as the app's 微信登录 does: a login code from the fake WeChat, exchanged by the
 * real server through code2Session (which also gives the server the session key that group data is sealed with).
 */
async function wechatToken(openid) {
  const { code } = await httpJson(`${process.env.WEAPP_WECHAT_CONTROL}/code?openid=${encodeURIComponent(openid)}`)
  return (await httpJson(`${serverBase()}/api/auth/wechat-login`, { method: 'POST', body: { code } })).token
}

/** Storage of a phone on which this persona is signed in. */
async function signedInStorage(personaId) {
  const storage = new Map()
  if (personaId) storage.set(TOKEN_KEY, await demoToken(personaId))
  return storage
}

class PageHandle {
  constructor(mp, route, query, comp) {
    this.mp = mp
    this.route = route
    this.query = query
    this.comp = comp
  }

  get instance() { return this.comp.instance }
  get dom() { return this.comp.dom }
  text() { return this.comp.dom.textContent.replace(/\s+/g, ' ') }

  /** Waits until the page shows `text` (rendering and requests are asynchronous). */
  async waitForText(text, timeoutMs) {
    await waitFor(() => this.text().includes(text), () => `"${text}" on ${this.route}; it shows: ${this.text().slice(0, 400)}`, timeoutMs)
  }

  /** The innermost element whose text is `text` (or contains it when no element's text is exactly it). */
  find(text) {
    const all = [...this.comp.dom.querySelectorAll('*')]
    const exact = all.filter((el) => el.textContent.trim() === text)
    const hits = exact.length ? exact : all.filter((el) => el.textContent.includes(text))
    return hits.find((el) => ![...el.children].some((c) => hits.includes(c))) ?? null
  }

  /** Taps what shows `text`, as a finger would: a tap event that bubbles to Taro's handler. */
  async tap(text) {
    const el = await waitFor(() => this.find(text), () => `an element "${text}" on ${this.route}; it shows: ${this.text().slice(0, 400)}`)
    this.mp.fire(el, 'tap', {})
  }

  /**
   * The element of the Taro node that matches: the simulator's built-in components drop attributes such as id and
   * placeholder from the DOM, so nodes are found in the page's setData tree and reached through their data-sid.
   */
  elementWhere(match) {
    const walk = (node) => {
      if (!node || typeof node !== 'object') return null
      if (node.sid && match(node)) return node
      for (const child of node.cn ?? []) {
        const hit = walk(child)
        if (hit) return hit
      }
      return null
    }
    const node = walk(this.instance.data.root)
    return node ? this.comp.dom.querySelector(`[data-sid="${node.sid}"]`) : null
  }

  /** The element whose Taro `id` prop is `id`. */
  byId(id) { return this.elementWhere((n) => n.uid === id) }

  /** Types into the input or textarea whose placeholder is `placeholder` (Taro listens to `input`). */
  input(placeholder, value) {
    const el = this.elementWhere((n) => Object.values(n).includes(placeholder) && n.nn !== undefined && !n.v)
    if (!el) throw new Error(`no input with placeholder "${placeholder}" on ${this.route}`)
    this.mp.fire(el, 'input', { value, cursor: value.length, keyCode: 0 })
  }
}

class MiniProgram {
  constructor({ storage, files, openid, missingApis, fontSizeSetting }) {
    this.storage = storage ?? new Map()
    this.files = files ?? new Map()
    this.network = new Network()
    this.openid = openid ?? `weapp-user-${Math.random().toString(36).slice(2, 10)}`
    this.missingApis = missingApis ?? []
    this.systemInfo = { SDKVersion: MIN_BASE_LIBRARY, platform: 'android', system: 'Android 10', brand: 'devtools', model: 'simulator', pixelRatio: 2, windowWidth: 375, windowHeight: 603, screenWidth: 375, screenHeight: 667, fontSizeSetting: fontSizeSetting ?? 16, language: 'zh_CN', version: '8.0.50' }
    this.calls = []
    this.toasts = []
    this.modals = []
    this.privacyHandlers = []
    this.appShowListeners = []
    this.stack = []
    this.tabs = new Map()
    this.canvases = new Map()
    this.fakes = { scanResults: [], subscribeAnswer: 'accept', groupEnterInfo: null, location: { latitude: 29.2, longitude: 106.25 }, media: [], modalAnswers: [] }
    this.pageIds = new Map()
  }

  get page() { return this.stack[this.stack.length - 1] }
  callsOf(name) { return this.calls.filter((c) => c.name === name).map((c) => c.arg) }

  fire(el, type, detail, extra = {}) {
    const target = el.__wxElement ?? el
    const event = this.exparser.Event.create(type, detail, {
      bubbles: true, composed: true, capturePhase: true,
      extraFields: { touches: extra.touches ?? [], changedTouches: extra.changedTouches ?? extra.touches ?? [] },
    })
    this.exparser.Event.dispatchEvent(target, event)
  }

  /** What a selector query answers: a recording Canvas 2D node for a canvas, a plausible box for the rest. */
  describeNode(selector, kind) {
    const rect = { id: selector.replace(/^#/, ''), width: 343, height: 200, left: 16, top: 100, right: 359, bottom: 300 }
    if (kind === 'scroll') return { scrollTop: 0, scrollLeft: 0 }
    const key = `${this.page?.route}:${selector}`
    const el = selector.startsWith('#') ? this.page?.byId(selector.slice(1)) : null
    if (!el || el.tagName.toLowerCase() !== 'wx-canvas') return kind === 'node' ? null : rect
    if (!this.canvases.has(key)) this.canvases.set(key, new FakeCanvasNode(rect.width, rect.height))
    return { ...rect, node: this.canvases.get(key) }
  }

  canvas(selector) { return this.canvases.get(`${this.page?.route}:${selector}`) }

  async waitForRoute(route) {
    await waitFor(() => this.page?.route === route, () => `the page ${route}; the current page is ${this.page?.route}`)
    return this.page
  }

  start() {
    // A cold start: fresh modules for the simulator, Taro and the app, on the same jsdom window.
    jest.resetModules()
    delete global.wx
    this.simulate = require('miniprogram-simulate')
    this.exparser = require('miniprogram-exparser')
    const jComponent = require('j-component')
    const register = jComponent.register.bind(jComponent)
    this.shared = {}
    jComponent.register = (definition) => {
      const result = register(definition)
      // Taro's recursive `comp` (and custom-wrapper) register only once per process (webpack modules run once):
      // remember their ids and hand them to every later page.
      const name = definition?.path && path.basename(definition.path)
      if (name === 'comp' || name === 'custom-wrapper') this.shared[name] = definition.id
      return result
    }
    global.wx = buildWx(global.wx, this, this.fakes, this)
    let app = null
    global.App = (config) => { app = config }
    global.getApp = () => app
    global.getCurrentPages = () => this.stack.map((p) => p.instance)
    const loading = () => this.loading
    global.Page = (config) => {
      const methods = {}
      const fields = {}
      for (const [k, v] of Object.entries(config)) {
        if (typeof v === 'function') methods[k] = v
        else if (k !== 'data') fields[k] = v
      }
      const route = loading().route
      global.Component({
        data: config.data ?? {},
        methods,
        lifetimes: {
          created() {
            Object.assign(this, fields)
            this.route = route
            this.__route__ = route
          },
          attached() {
            const { query } = loading()
            this.options = query
            this.onLoad?.(query)
          },
          ready() {
            this.onShow?.()
            this.onReady?.()
          },
          detached() { this.onUnload?.() },
        },
      })
    }
    require(path.join(DIST, 'app.js'))
    if (!app) throw new Error('app.js did not call App()')
    this.app = app
    return app
  }

  async launch({ path: route = 'pages/home/index', query = {}, scene = 1001, shareTicket } = {}) {
    const app = this.start()
    this.launchOptions = { path: route, query, scene, shareTicket, referrerInfo: {}, forwardMaterials: [], chatType: shareTicket ? 2 : undefined }
    app.onLaunch?.call(app, { ...this.launchOptions })
    app.onShow?.call(app, { ...this.launchOptions })
    await this.open(route, query)
    return this
  }

  isTab(route) { return appJson().tabBar.list.some((t) => t.pagePath === route) }

  async open(route, query = {}) {
    this.loading = { route, query }
    let id = this.pageIds.get(route)
    if (!id) {
      id = this.simulate.load(path.join(DIST, route), 'page', { rootPath: DIST, usingComponents: { ...this.shared } })
      this.pageIds.set(route, id)
    }
    const comp = this.simulate.render(id)
    const handle = new PageHandle(this, route, query, comp)
    this.stack.push(handle)
    comp.attach(document.createElement('parent-wrapper'))
    if (this.isTab(route)) this.tabs.set(route, handle)
    return handle
  }

  close(handle) {
    if (this.tabs.get(handle.route) === handle) this.tabs.delete(handle.route)
    handle.comp.detach()
  }

  async navigate(kind, o) {
    const from = this.page?.route
    const done = (extra = {}) => {
      const res = { errMsg: `${kind}:ok`, ...extra }
      setTimeout(() => { o.success?.(res); o.complete?.(res) }, 0)
      return Promise.resolve(res)
    }
    const failed = (msg) => {
      const res = { errMsg: `${kind}:fail ${msg}` }
      setTimeout(() => { o.fail?.(res); o.complete?.(res) }, 0)
      return Promise.reject(res)
    }
    this.calls.push({ name: kind, arg: { url: o.url, delta: o.delta } })
    if (kind === 'navigateBack') {
      const delta = Math.min(o.delta ?? 1, this.stack.length - 1)
      for (let i = 0; i < delta; i++) this.close(this.stack.pop())
      this.page?.instance.onShow?.()
      return done()
    }
    const { route, query } = parseUrl(o.url, from)
    if (!allRoutes().includes(route)) return failed(`page "${route}" is not found`)
    const tab = this.isTab(route)
    if ((kind === 'navigateTo' || kind === 'redirectTo') && tab) return failed('can not navigateTo a tabbar page')
    if (kind === 'switchTab' && !tab) return failed('can not switchTab to a non-tabbar page')
    if (kind === 'navigateTo') this.page?.instance.onHide?.()
    if (kind === 'redirectTo') this.close(this.stack.pop())
    if (kind === 'reLaunch') {
      while (this.stack.length) this.close(this.stack.pop())
      for (const t of [...this.tabs.values()]) this.close(t)
    }
    if (kind === 'switchTab') {
      while (this.stack.length) {
        const p = this.stack.pop()
        if (this.isTab(p.route)) p.instance.onHide?.()
        else this.close(p)
      }
      const existing = this.tabs.get(route)
      if (existing) {
        this.stack.push(existing)
        existing.instance.onShow?.()
        return done()
      }
    }
    await this.open(route, query)
    return done()
  }

  /** The network goes away (requests fail with `request:fail`) or comes back (onNetworkStatusChange fires). */
  setOnline(online) { this.network.set(online) }

  /** Runs the app's and pages' detach hooks so a test file can start another app in the same window. */
  shutdown() {
    while (this.stack.length) this.close(this.stack.pop())
    for (const t of [...this.tabs.values()]) this.close(t)
  }
}

module.exports = { MiniProgram, PageHandle, PERSONAS, TOKEN_KEY, demoToken, wechatToken, api, signedInStorage, waitFor }
