// Helpers shared by the benchmarks: spawning the real server and waiting for its first healthy answer.
const { spawn, spawnSync } = require('node:child_process')
const net = require('node:net')
const path = require('node:path')

const root = path.join(__dirname, '..')

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
    s.on('error', reject)
  })
}

/** Starts server/src/main.ts with `env` and resolves with ms from spawn to the first 200 from /api/health. */
async function timeToHealthy(env, timeoutMs = 120_000) {
  const port = await freePort()
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root, stdio: 'ignore',
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...env },
  })
  try {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)
      if (ok) return Number(process.hrtime.bigint() - started) / 1e6
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error('server never became healthy')
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)))
  }
}

function npmRun(script) {
  const r = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`npm run ${script} failed`)
}

module.exports = { root, freePort, timeToHealthy, npmRun }
