import { createCipheriv, randomBytes, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { countyIdOf } from '@/core/regions'
import type { DB } from '../../../server/src/db/schema'

/** A bulletin written straight into the tables (the authoring module is not needed to test its reach). */
export async function aBulletin(
  db: Kysely<DB>,
  opts: { regionId: string; createdBy: string; publishedAt?: Date | null; retractedAt?: Date | null },
): Promise<{ id: string }> {
  const region = await db.selectFrom('regions').select('path').where('id', '=', opts.regionId).executeTakeFirstOrThrow()
  const row = await db
    .insertInto('bulletins')
    .values({
      county_id: countyIdOf(region.path), region_id: opts.regionId, bulletin_date: '2026-03-01', created_by: opts.createdBy,
      published_at: opts.publishedAt === undefined ? new Date(Date.now() - 60_000) : opts.publishedAt, retracted_at: opts.retractedAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('bulletin_versions').values({
    bulletin_id: row.id, version: 1, title: '3月1日警情通报', advice: '不轻信、不转账', edited_by: opts.createdBy,
    cases: JSON.stringify([{ fraudType: 'rebate_task', victimProfile: '某村 45岁 女性', lossYuan: 3000, method: '刷单', warning: '刷单就是诈骗' }]),
  }).execute()
  return { id: row.id }
}

/** What wx.getGroupEnterInfo hands a phone: the group's opengid sealed with the session key, as WeChat seals it. */
export function sealGroupInfo(sessionKey: string, payload: Record<string, unknown>): { encryptedData: string; iv: string } {
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv)
  const data = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()])
  return { encryptedData: data.toString('base64'), iv: iv.toString('base64') }
}

export const groupPayload = (appId: string, opengid: string) => ({ opengid, watermark: { appid: appId, timestamp: 1772323200 } })

export const aDeviceKey = () => `d:${randomUUID()}`

export const anOpengid = () => `tG${randomBytes(12).toString('base64url')}`
