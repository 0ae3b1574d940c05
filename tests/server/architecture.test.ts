import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.join(__dirname, '..', '..')
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise')
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs')

/** A tiny tree laid out like ours, cruised with our rules and no known violations. */
function cruise(files: Record<string, string>): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'architecture-'))
  try {
    writeFileSync(path.join(dir, 'tsconfig.json'), '{"compilerOptions":{"module":"commonjs"}}')
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), text)
    }
    const tops = [...new Set(Object.keys(files).map((file) => file.split('/')[0]))]
    const r = spawnSync(DEPCRUISE, [...tops, '--config', CONFIG, '--no-ignore-known', '--output-type', 'err'], { cwd: dir, encoding: 'utf8' })
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('layer rules (dependency-cruiser)', () => {
  it('when a page calls a service itself, then the check fails naming the rule', () => {
    const r = cruise({
      'src/services/api-client.ts': 'export const get = () => 1\n',
      'src/pages/home/index.tsx': "import { get } from '../../services/api-client'\nexport const x = get()\n",
    })
    expect(r.ok).toBe(false)
    expect(r.output).toContain('pages-use-stores-and-components')
  })

  it('when a route queries a repository, then the check fails naming the rule', () => {
    const r = cruise({
      'server/src/modules/visits/repo.ts': 'export class VisitRepo {}\n',
      'server/src/modules/visits/routes.ts': "import { VisitRepo } from './repo'\nexport const r = new VisitRepo()\n",
    })
    expect(r.ok).toBe(false)
    expect(r.output).toContain('routes-use-services')
  })

  it('when a page reads a store that calls a service using core, then the check passes', () => {
    const r = cruise({
      'src/core/visits.ts': 'export const due = () => true\n',
      'src/services/api-client.ts': 'export const get = () => 1\n',
      'src/stores/visit-store.ts': "import { due } from '../core/visits'\nimport { get } from '../services/api-client'\nexport const v = due() && get()\n",
      'src/pages/home/index.tsx': "import { v } from '../../stores/visit-store'\nexport const x = v\n",
    })
    expect(r.output).toContain('no dependency violations')
    expect(r.ok).toBe(true)
  })
})
