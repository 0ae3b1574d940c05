// The registry reachable here 404s some foreign-platform optional binaries, so `npm install` leaves them out of the lockfile and
// `npm ci` fails ("Missing: X@ from lock file"). Add os/cpu-tagged stubs; npm ci then skips them on linux-x64.
const fs = require('node:fs')
const file = require('node:path').join(__dirname, '..', 'package-lock.json')
const lock = JSON.parse(fs.readFileSync(file, 'utf8'))
const pkgs = lock.packages
let added = 0
for (const [key, entry] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies || {})) {
    if (pkgs[`node_modules/${dep}`] || pkgs[`${key}/node_modules/${dep}`]) continue
    const n = dep.split('/').pop()
    const os = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos'].find((o) => n.includes(`-${o}-`))
    const cpu = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x'].find((c) => n.includes(`-${c}`))
    if (!os && !cpu) continue // not a platform binary
    const libc = /-musl/.test(n) ? ['musl'] : /-gnu/.test(n) ? ['glibc'] : undefined
    pkgs[`node_modules/${dep}`] = {
      version, ...(os && { os: [os] }), ...(cpu && { cpu: [cpu] }), ...(libc && { libc }),
      optional: true, ...(entry.dev && { dev: true }),
    }
    added++
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(`added ${added} stub entries`)
