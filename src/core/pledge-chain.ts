import type { LatLng } from './households'
import { sha256Hex } from './sha256'

/**
 * Each village's signed pledges form a hash chain: a record's hash covers its content and the previous
 * record's hash, so changing or removing a stored pledge afterwards shows up when the chain is recomputed.
 */

export const CHAIN_PROBLEM_KINDS = ['altered', 'missing', 'broken_link'] as const

export interface ChainProblem {
  seq: number
  pledgeId: string | null
  kind: (typeof CHAIN_PROBLEM_KINDS)[number]
  message: string
}

/** A village's chain recomputed: the contract's ChainVerification. */
export interface ChainVerification {
  villageId: string
  checked: number
  ok: boolean
  problems: ChainProblem[]
}

export interface PledgeRecord {
  id: string
  villageId: string
  householdId: string
  templateVersion: number
  templateSha256: string
  signerName: string
  signerRelation: string
  strokes: string
  workerId: string
  /** ISO 8601 in UTC with milliseconds, as Date.prototype.toISOString writes it. */
  signedAt: string
  geo: LatLng | null
  seq: number
  prevHash: string
}

export interface ChainedPledge extends PledgeRecord {
  recordHash: string
}

/** What the first record of every village links to. */
export const GENESIS_HASH = '0'.repeat(64)

/** The exact text that is hashed: fixed field order, so that any engine or client recomputes the same bytes. */
export function canonicalPledge(r: PledgeRecord): string {
  return JSON.stringify([
    r.id,
    r.villageId,
    r.householdId,
    r.templateVersion,
    r.templateSha256,
    r.signerName,
    r.signerRelation,
    r.strokes,
    r.workerId,
    r.signedAt,
    r.geo ? [r.geo.lat, r.geo.lng] : null,
    r.seq,
    r.prevHash,
  ])
}

export function recordHash(r: PledgeRecord): string {
  return sha256Hex(canonicalPledge(r))
}

export interface ChainHead {
  lastSeq: number
  lastHash: string
}

/** The next link of a village's chain, from its head (null before the first pledge). */
export function nextLink(head: ChainHead | null): { seq: number; prevHash: string } {
  return head ? { seq: head.lastSeq + 1, prevHash: head.lastHash } : { seq: 1, prevHash: GENESIS_HASH }
}

const missing = (seq: number): ChainProblem => ({ seq, pledgeId: null, kind: 'missing', message: `第 ${seq} 份承诺书缺失` })

/**
 * Recomputes a village's chain. `records` are sorted by seq; `head` is where the chain says it ends, which
 * is how a removed last record is noticed. A record whose previous one is missing has no link to check:
 * the gap is already named.
 */
export function verifyChain(villageId: string, records: readonly ChainedPledge[], head: ChainHead | null): ChainVerification {
  const problems: ChainProblem[] = []
  let previous: ChainedPledge | null = null
  let expectedSeq = 1
  for (const r of records) {
    for (let s = expectedSeq; s < r.seq; s++) problems.push(missing(s))
    if (recordHash(r) !== r.recordHash) {
      problems.push({ seq: r.seq, pledgeId: r.id, kind: 'altered', message: `第 ${r.seq} 份承诺书的内容与其记录哈希不符，可能被改动` })
    }
    const linkTo = r.seq === 1 ? GENESIS_HASH : previous?.seq === r.seq - 1 ? previous.recordHash : null
    if (linkTo !== null && r.prevHash !== linkTo) {
      problems.push({ seq: r.seq, pledgeId: r.id, kind: 'broken_link', message: `第 ${r.seq} 份承诺书与上一份的链接断开` })
    }
    previous = r
    expectedSeq = r.seq + 1
  }
  const lastSeq = head?.lastSeq ?? 0
  for (let s = expectedSeq; s <= lastSeq; s++) problems.push(missing(s))
  if (head && previous && previous.seq === head.lastSeq && previous.recordHash !== head.lastHash) {
    problems.push({ seq: previous.seq, pledgeId: previous.id, kind: 'broken_link', message: `第 ${previous.seq} 份承诺书与链头记录不符` })
  }
  return { villageId, checked: records.length, ok: problems.length === 0, problems }
}
