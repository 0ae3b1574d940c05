// The registry reachable here 404s some optional dependencies, so `npm install` leaves them out of the lockfile
// and `npm ci` fails ("Missing: X@ from lock file"). Add stubs that npm ci then skips:
// - foreign-platform binaries (@tarojs/binding-*, @swc/core-*, @unrs/resolver-binding-*): tagged with their os/cpu;
// - NutUI's optional telemetry package (asked for as "latest"): tagged with an os that never matches, so it is
//   never installed. npm accepts a tag-spec entry only with a remote `resolved`; the address is never fetched.
const fs = require('node:fs')
const file = require('node:path').join(__dirname, '..', 'package-lock.json')
const lock = JSON.parse(fs.readFileSync(file, 'utf8'))
const pkgs = lock.packages
const NEVER_INSTALL = new Set(['@jmfe/npm-usage-stats-tool'])
let added = 0

/** Where npm looks for `dep` required from `key`: nested first, then each ancestor's node_modules, then the root. */
function resolved(key, dep) {
  for (let dir = key; dir; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
    if (pkgs[`${dir}/node_modules/${dep}`]) return pkgs[`${dir}/node_modules/${dep}`]
  }
  return pkgs[`node_modules/${dep}`]
}

for (const [key, entry] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies || {})) {
    const found = resolved(key, dep)
    if (found && (found.version === version || (found.resolved && !/^\d/.test(version)))) continue
    const n = dep.split('/').pop()
    const os = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos'].find((o) => n.includes(`-${o}-`))
    const cpu = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x'].find((c) => n.includes(`-${c}`))
    const never = NEVER_INSTALL.has(dep)
    if (!os && !cpu && !never) continue // not a platform binary
    const libc = /-musl/.test(n) ? ['musl'] : /-gnu/.test(n) ? ['glibc'] : undefined
    // A different version already at the top belongs to another parent: put ours beside its parent.
    const where = found && key ? `${key}/node_modules/${dep}` : `node_modules/${dep}`
    pkgs[where] = {
      version: /^\d/.test(version) ? version : '0.0.0',
      ...(never ? { resolved: 'https://never-installed.invalid/stub.tgz', os: ['none'] } : { ...(os && { os: [os] }), ...(cpu && { cpu: [cpu] }), ...(libc && { libc }) }),
      optional: true, ...(entry.dev && { dev: true }),
    }
    added++
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(`added ${added} stub entries`)
