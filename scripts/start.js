// `npm start`: the whole local demo with no set-up. Builds the H5 pages when they are missing or older than
// their sources, then runs the server (PGlite in ./data, demo logins) on one port.
const { spawn, spawnSync } = require('node:child_process')
const { existsSync, readdirSync, statSync } = require('node:fs')
const path = require('node:path')

const root = path.join(__dirname, '..')
const builtPage = path.join(root, 'dist', 'h5', 'index.html')
const sourceDirs = ['src', 'config'].map((d) => path.join(root, d))

function newestChange(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs)
  }
  return newest
}

function h5IsStale() {
  if (!existsSync(builtPage)) return true
  const sources = Math.max(...sourceDirs.filter((d) => existsSync(d)).map(newestChange))
  return sources > statSync(builtPage).mtimeMs
}

if (h5IsStale()) {
  console.log('正在构建 H5 页面…（首次启动或页面源码有改动，约需一两分钟）')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const build = spawnSync(npm, ['run', 'build:h5'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (build.status !== 0) {
    console.error('H5 页面构建失败，请查看上面的输出')
    process.exit(build.status ?? 1)
  }
}

// tsx as a loader inside the server's own process (not its CLI wrapper), so that signals reach the server's
// graceful shutdown directly.
const server = spawn(process.execPath, ['--import', 'tsx', path.join('server', 'src', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AUTH_MODE: process.env.AUTH_MODE || 'demo' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
