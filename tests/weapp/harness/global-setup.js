// One real server for the whole weapp suite, started as scripts/e2e.js starts it: PGlite in a temporary folder,
// demo data, demo logins and the built-in fake WeChat (code2Session, session keys). Its address reaches the test
// files through WEAPP_SERVER (jest workers inherit the environment of this process).
const { spawn } = require('node:child_process')
const { mkdtempSync } = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')

const root = path.join(__dirname, '..', '..', '..')

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
    s.on('error', reject)
  })
}

async function waitForHealth(url, child, log, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`test server exited with code ${child.exitCode}:\n${log()}`)
    try {
      if ((await fetch(`${url}/api/health`)).ok) return
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`test server not healthy after ${timeoutMs} ms:\n${log()}`)
}

/** Starts fake-wechat.ts and resolves with the addresses it prints. */
function startWeChat() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/weapp/harness/fake-wechat.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve({ child, ...JSON.parse(line) })
    })
    child.once('exit', (code) => reject(new Error(`fake WeChat exited with code ${code}`)))
  })
}

module.exports = async function globalSetup() {
  const wechat = await startWeChat()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xuanfang-weapp-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    // Every test signs in from 127.0.0.1: the per-address sign-in limits (tested on their own in tests/server) would refuse
    // the suite's hundreds of logins within a minute.
    env: { ...process.env, RATE_LIMIT_DEMO_LOGIN: '100000/60', RATE_LIMIT_SIGNIN_PER_ADDRESS: '100000/60', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, AUTH_MODE: 'demo', SEED_DEMO: 'true', LOG_LEVEL: 'warn', DATABASE_URL: '', PUBLIC_BASE_URL: baseUrl, WECHAT_API_BASE: wechat.wechatBase, OUTBOX_WORKER: 'on' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let serverLog = ''
  server.stdout.on('data', (d) => { serverLog += d })
  server.stderr.on('data', (d) => { serverLog += d })
  globalThis.__WEAPP_SERVER__ = { server, wechat: wechat.child, dataDir }
  await waitForHealth(baseUrl, server, () => serverLog, 120_000)
  process.env.WEAPP_SERVER = baseUrl
  process.env.WEAPP_WECHAT_CONTROL = wechat.controlBase
}
