import type { PledgeInput, PledgeTemplate } from '#contract/pledges'
import type { ErrorCode } from '#core/errors'
import { resolveSigner } from '#core/pledge-signer'
import type { RoleAssignment } from '#core/roles'
import { canActOn } from '#core/scope'
import { decodeStrokes, validateSignature } from '#core/strokes'
import { parseTimestamp } from '#core/timestamp'
import type { PledgeHousehold } from './repo'

/** A phone's clock may run a little ahead of the server's; more than this is a wrong clock, not a signature. */
const CLOCK_SKEW_MS = 10 * 60_000

export type PledgeCheck =
  | { ok: true; household: PledgeHousehold; villageId: string; signerName: string; signerRelation: string; signedAt: string }
  | { ok: false; code: ErrorCode }

/** The village a household belongs to: the third segment of its grid's path (county/town/village/grid). */
function villageOf(regionPath: string): string | null {
  return regionPath.split('/').filter(Boolean)[2] ?? null
}

/** Whether one uploaded pledge may be chained, and its fields as they will be hashed. */
export function checkPledge(
  input: PledgeInput,
  household: PledgeHousehold | undefined,
  templates: ReadonlyMap<number, PledgeTemplate>,
  roles: readonly RoleAssignment[],
  now: Date,
): PledgeCheck {
  const villageId = household ? villageOf(household.regionPath) : null
  if (!household || !villageId) return { ok: false, code: 'PLEDGE_HOUSEHOLD_UNKNOWN' }
  if (!canActOn(roles, 'pledge.write', household.regionPath)) return { ok: false, code: 'PLEDGE_OUT_OF_SCOPE' }
  if (templates.get(input.templateVersion)?.sha256 !== input.templateSha256.toLowerCase()) return { ok: false, code: 'PLEDGE_TEMPLATE_OUTDATED' }
  const signer = resolveSigner(input, household.headName)
  if (!signer) return { ok: false, code: 'PLEDGE_SIGNER_MISSING' }
  const signedAt = parseTimestamp(input.signedAt)
  if (signedAt === null || signedAt > now.getTime() + CLOCK_SKEW_MS) return { ok: false, code: 'PLEDGE_TIME_INVALID' }
  const strokes = decodeStrokes(input.strokes)
  if (!strokes) return { ok: false, code: 'SIGNATURE_MALFORMED' }
  const signature = validateSignature(strokes)
  if (!signature.ok) return { ok: false, code: signature.code }
  return { ok: true, household, villageId, signerName: signer.name, signerRelation: signer.relation, signedAt: new Date(signedAt).toISOString() }
}
