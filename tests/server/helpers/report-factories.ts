import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { countyIdOf } from '@/core/regions'
import type { ActivityKind } from '@/core/activities'
import type { RiskLevel, WarningState } from '@/core/warnings'
import type { DB } from '../../../server/src/db/schema'
import { aBulletin, aDeviceKey, anOpengid } from './bulletin-reach-factories'
import { aHousehold } from './factories'

/** Reports only read these tables, so their rows are written straight in, with only what a report looks at. */

/** "2026-11-24 10:00" on a Beijing wall clock. */
export const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`)

const countyOf = async (db: Kysely<DB>, regionId: string) =>
  countyIdOf((await db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirstOrThrow()).path)

/** A household in the grid, with its visits and the first-visit stamp the visits module would have kept. */
export async function aVisitedHousehold(
  db: Kysely<DB>, gridId: string, workerId: string,
  visits: { at: string; app?: boolean; callWarning?: boolean }[],
): Promise<{ id: string }> {
  const household = await aHousehold(db, { regionId: gridId })
  const countyId = await countyOf(db, gridId)
  for (const v of visits) {
    await db.insertInto('visits').values({
      id: randomUUID(), county_id: countyId, household_id: household.id, grid_id: gridId, worker_id: workerId, visited_at: beijing(v.at),
      briefed: true, app_installed: v.app ?? false, call_warning_on: v.callWarning ?? false, emergency_contact: false, elderly_child_reminded: false,
    }).execute()
  }
  const firstAt = visits.map((v) => beijing(v.at)).sort((a, b) => a.getTime() - b.getTime())[0]
  if (firstAt) await db.updateTable('households').set({ first_visit_at: firstAt }).where('id', '=', household.id).execute()
  return household
}

let chainSeq = 0
export async function aPledge(db: Kysely<DB>, opts: { villageId: string; householdId: string; workerId: string; at: string }) {
  await db.insertInto('pledges').values({
    id: randomUUID(), county_id: await countyOf(db, opts.villageId), village_id: opts.villageId, household_id: opts.householdId,
    template_version: 1, template_sha256: 'x', signer_name: '王秀英', signer_relation: '户主', strokes: '', worker_id: opts.workerId,
    signed_at: beijing(opts.at), chain_seq: ++chainSeq, prev_hash: 'x', record_hash: 'x',
  }).execute()
}

export async function aQuizAttempt(db: Kysely<DB>, opts: { userId: string; villageId: string; date: string; score: number | null; flagged?: boolean }) {
  const submitted = opts.score !== null
  await db.insertInto('quiz_attempts').values({
    county_id: await countyOf(db, opts.villageId), user_id: opts.userId, village_id: opts.villageId, quiz_date: opts.date, question_ids: [],
    token_hash: 'x', started_at: beijing(`${opts.date} 08:00`), submitted_at: submitted ? beijing(`${opts.date} 08:05`) : null,
    answers: submitted ? '[]' : null, correct: submitted ? Math.round(opts.score! / 20) : null, score: opts.score, flagged: opts.flagged ?? false,
  }).execute()
}

export async function aWarning(db: Kysely<DB>, opts: {
  regionId: string; createdBy: string; risk: RiskLevel; receivedAt: string; limitMinutes: number; contactAfterMinutes: number | null
  state: WarningState; amountAtRisk?: number; loss?: number
}) {
  const received = beijing(opts.receivedAt)
  const after = (minutes: number) => new Date(received.getTime() + minutes * 60_000)
  await db.insertInto('warnings').values({
    county_id: await countyOf(db, opts.regionId), region_id: opts.regionId, resident_name: '李大妈', phone_enc: 'x', phone_last4: '1234',
    fraud_type: 'rebate_task', risk_level: opts.risk, source: 'instruction', amount_at_risk: opts.amountAtRisk ?? null,
    received_at: received, contact_due_at: after(opts.limitMinutes), state: opts.state,
    first_contact_at: opts.contactAfterMinutes === null ? null : after(opts.contactAfterMinutes), loss_amount: opts.loss ?? null, created_by: opts.createdBy,
  }).execute()
}

export async function anActivity(db: Kysely<DB>, opts: { regionId: string; createdBy: string; kind: ActivityKind; at: string; attendance: number }) {
  await db.insertInto('activities').values({
    county_id: await countyOf(db, opts.regionId), region_id: opts.regionId, kind: opts.kind, title: '反诈宣传', place: '村委会坝子',
    held_at: beijing(opts.at), organiser: '派出所', attendance: opts.attendance, created_by: opts.createdBy,
  }).execute()
}

export async function aPublishedBulletin(db: Kysely<DB>, regionId: string, createdBy: string, at: string) {
  return aBulletin(db, { regionId, createdBy, publishedAt: beijing(at) })
}

/** A group registered by its first open; labelled with a tier and a region unless `tier` is null. */
export async function aGroup(db: Kysely<DB>, countyId: string, regionId: string | null, tier: 1 | 2 | null): Promise<{ id: string }> {
  return db.insertInto('wechat_groups').values({
    county_id: countyId, opengid: anOpengid(), name: tier === null ? null : '平安群', tier, region_id: regionId,
  }).returning('id').executeTakeFirstOrThrow()
}

export async function anOpen(db: Kysely<DB>, opts: { bulletinId: string; countyId: string; groupId: string | null; reader?: string; at: string }) {
  await db.insertInto('opens').values({
    bulletin_id: opts.bulletinId, county_id: opts.countyId, group_id: opts.groupId, reader_key: opts.reader ?? aDeviceKey(), opened_at: beijing(opts.at),
  }).execute()
}
