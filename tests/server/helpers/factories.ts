import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { countyIdOf, regionPath, type RegionLevel } from '@/core/regions'
import type { Role } from '@/core/roles'
import type { Config } from '../../../server/src/config'
import { testConfig } from '../../../server/src/config'
import { FieldCipher } from '../../../server/src/crypto/field-cipher'
import type { DB } from '../../../server/src/db/schema'
import { SessionRepo } from '../../../server/src/modules/auth/session-repo'
import { hashSessionToken, newSessionToken } from '../../../server/src/modules/auth/tokens'

/** Test data is made through the database, never through shared fixtures: each test builds what it needs. */

export interface MadeRegion {
  id: string
  name: string
  path: string
}

export interface RegionTree {
  county: MadeRegion
  town: MadeRegion
  villages: [MadeRegion, MadeRegion]
  /** grids[v] are the two grids of villages[v]. */
  grids: [[MadeRegion, MadeRegion], [MadeRegion, MadeRegion]]
}

const uniqueDigits = () => String(parseInt(randomBytes(4).toString('hex'), 16)).padStart(6, '0').slice(-6)

export async function aRegion(db: Kysely<DB>, level: RegionLevel, id: string, name: string, parent: MadeRegion | null): Promise<MadeRegion> {
  const path = regionPath(parent?.path ?? null, id)
  await db.insertInto('regions').values({ id, parent_id: parent?.id ?? null, level, name, path, county_id: countyIdOf(path) }).execute()
  return { id, name, path }
}

/** A county → town → 2 villages → 2 grids each, with fresh codes so that two trees never collide. */
export async function aRegionTree(db: Kysely<DB>, opts: { countyId?: string } = {}): Promise<RegionTree> {
  const c = opts.countyId ?? `9${uniqueDigits()}`
  const county = await aRegion(db, 'county', c, '测试区', null)
  const town = await aRegion(db, 'town', `${c}101`, '测试镇', county)
  const villages = [
    await aRegion(db, 'village', `${c}101201`, '东村', town),
    await aRegion(db, 'village', `${c}101202`, '西村', town),
  ] as [MadeRegion, MadeRegion]
  const grids = [] as unknown as RegionTree['grids']
  for (const [v, village] of villages.entries()) {
    grids[v] = [
      await aRegion(db, 'grid', `${village.id}-01`, `${village.name}第1网格`, village),
      await aRegion(db, 'grid', `${village.id}-02`, `${village.name}第2网格`, village),
    ]
  }
  return { county, town, villages, grids }
}

export async function aUser(
  db: Kysely<DB>,
  opts: { displayName?: string; roles?: { role: Role; regionId: string }[]; openid?: string; demoPersona?: string } = {},
): Promise<{ id: string; displayName: string }> {
  const displayName = opts.displayName ?? '测试用户'
  const user = await db
    .insertInto('users')
    .values({ display_name: displayName, openid: opts.openid ?? null, demo_persona: opts.demoPersona ?? null })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (opts.roles?.length) {
    await db.insertInto('role_assignments').values(opts.roles.map((r) => ({ user_id: user.id, role: r.role, region_id: r.regionId }))).execute()
  }
  return { id: user.id, displayName }
}

export async function aHousehold(
  db: Kysely<DB>,
  opts: { regionId: string; code?: string; address?: string; headName?: string; phone?: string; tags?: string[]; memberCount?: number; sessionSecret?: string },
): Promise<{ id: string; code: string }> {
  const region = await db.selectFrom('regions').select('path').where('id', '=', opts.regionId).executeTakeFirstOrThrow()
  const code = opts.code ?? `H${randomBytes(4).toString('hex').toUpperCase()}`
  const cipher = new FieldCipher(opts.sessionSecret ?? testConfig().sessionSecret, 'household-phone')
  const row = await db
    .insertInto('households')
    .values({
      county_id: countyIdOf(region.path),
      region_id: opts.regionId,
      code,
      address: opts.address ?? `${code} 号`,
      head_name: opts.headName ?? '张建华',
      phone_enc: opts.phone ? cipher.encrypt(opts.phone) : null,
      phone_last4: opts.phone ? opts.phone.slice(-4) : null,
      tags: opts.tags ?? [],
      member_count: opts.memberCount ?? 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, code }
}

/** A bearer token for the user, made the way a login makes one. */
export async function signIn(target: { db: Kysely<DB>; config: Config; now?: () => Date }, userId: string): Promise<string> {
  const token = newSessionToken()
  const now = target.now?.() ?? new Date()
  await new SessionRepo(target.db).create({
    tokenHash: hashSessionToken(target.config.sessionSecret, token),
    userId,
    expiresAt: new Date(now.getTime() + target.config.sessionTtlHours * 3600_000),
    sessionKeyEnc: null,
  })
  return token
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
