import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { PledgeInput, PledgeTemplate } from '@/contract/pledges'
import { encodeStrokes, type Stroke } from '@/core/strokes'
import type { DB } from '../../../server/src/db/schema'

/** Two strokes across the pad, like a name written in two characters. */
export function aSignature(): Stroke[] {
  const first: Stroke = []
  const second: Stroke = []
  for (let i = 0; i <= 40; i++) {
    first.push({ x: 100 + i * 8, y: 400 + Math.round(60 * Math.sin(i / 4)) })
    second.push({ x: 520 + i * 8, y: 420 + Math.round(50 * Math.cos(i / 5)) })
  }
  return [first, second]
}

export async function currentTemplate(db: Kysely<DB>): Promise<PledgeTemplate> {
  return db.selectFrom('pledge_templates').select(['version', 'title', 'body', 'sha256']).orderBy('version', 'desc').executeTakeFirstOrThrow()
}

/** A well-formed pledge under the template, signed a minute before `now`. */
export function aPledgeInput(template: PledgeTemplate, householdId: string, now: Date, overrides: Partial<PledgeInput> = {}): PledgeInput {
  return {
    id: randomUUID(),
    householdId,
    templateVersion: template.version,
    templateSha256: template.sha256,
    signerName: '王秀英',
    signerRelation: '户主',
    strokes: encodeStrokes(aSignature()),
    signedAt: new Date(now.getTime() - 60_000).toISOString(),
    geo: { lat: 29.29, lng: 106.25 },
    ...overrides,
  }
}
