const { rmSync } = require('node:fs')

module.exports = async function globalTeardown() {
  const state = globalThis.__WEAPP_SERVER__
  if (!state) return
  const exited = new Promise((resolve) => state.server.once('exit', resolve))
  state.server.kill('SIGTERM')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
  state.wechat.kill('SIGTERM')
  rmSync(state.dataDir, { recursive: true, force: true })
}
