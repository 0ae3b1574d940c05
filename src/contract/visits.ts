import { Type, type Static } from 'typebox'
import { MAX_VISITS_PER_BATCH, VISIT_CHECKLIST, type ChecklistKey } from '../core/visits'
import { Geo, PlainText, SyncBatchResult, Uuid } from './common'

/** One yes/no per item of core's checklist: a new item there is a new field here, described by its label. */
const CHECKLIST = Object.fromEntries(VISIT_CHECKLIST.map(({ key, label }) => [key, Type.Boolean({ description: label })])) as
  Record<ChecklistKey, ReturnType<typeof Type.Boolean>>

/** Made on the phone; `id` is a UUID generated there, so a retried upload is recognised. */
export const VisitInput = Type.Object({
  id: Type.String({ ...Uuid, description: '手机上生成的 UUID，重传时不变' }),
  householdId: Uuid,
  visitedAt: Type.String({ maxLength: 40, description: '走访时间 (ISO 8601)' }),
  // Longer than the 500-character rule on purpose: an overlong note is one rejected item, not a refused batch.
  note: PlainText({ maxLength: 5000 }),
  geo: Type.Optional(Type.Union([Geo, Type.Null()])),
  ...CHECKLIST,
})
export type VisitInput = Static<typeof VisitInput>

export const visitEndpoints = {
  'POST /api/visits/batch': {
    body: Type.Object({ visits: Type.Array(VisitInput, { minItems: 1, maxItems: MAX_VISITS_PER_BATCH }) }),
    response: SyncBatchResult,
  },
}
