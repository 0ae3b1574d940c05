import { GENESIS_HASH, canonicalPledge, nextLink, recordHash, verifyChain, type ChainedPledge, type PledgeRecord } from '@/core/pledge-chain'

const VILLAGE = '500116101201'

function aRecord(seq: number, prevHash: string, overrides: Partial<PledgeRecord> = {}): PledgeRecord {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    villageId: VILLAGE,
    householdId: '11111111-1111-4111-8111-111111111111',
    templateVersion: 1,
    templateSha256: 'a'.repeat(64),
    signerName: '张建华',
    signerRelation: '户主',
    strokes: '1:AAgC',
    workerId: '22222222-2222-4222-8222-222222222222',
    signedAt: '2026-03-01T02:03:04.005Z',
    geo: { lat: 29.29, lng: 106.25 },
    seq,
    prevHash,
    ...overrides,
  }
}

/** A well-formed chain of n records, each linked to the one before. */
function aChain(n: number): ChainedPledge[] {
  const chain: ChainedPledge[] = []
  for (let seq = 1; seq <= n; seq++) {
    const record = aRecord(seq, chain[seq - 2]?.recordHash ?? GENESIS_HASH)
    chain.push({ ...record, recordHash: recordHash(record) })
  }
  return chain
}

const headOf = (chain: ChainedPledge[]) => ({ lastSeq: chain.length, lastHash: chain[chain.length - 1].recordHash })

describe('pledge hash chain', () => {
  it('when a record is serialised, then fields come in the fixed order whatever order the object was built in', () => {
    const record = aRecord(1, GENESIS_HASH)
    const shuffled = Object.fromEntries(Object.entries(record).reverse()) as unknown as PledgeRecord
    expect(canonicalPledge(shuffled)).toBe(canonicalPledge(record))
    expect(canonicalPledge(record)).toBe(JSON.stringify([
      record.id, VILLAGE, record.householdId, 1, 'a'.repeat(64), '张建华', '户主', '1:AAgC', record.workerId,
      '2026-03-01T02:03:04.005Z', [29.29, 106.25], 1, GENESIS_HASH,
    ]))
  })

  it('when any field changes, then the record hash changes', () => {
    const base = recordHash(aRecord(1, GENESIS_HASH))
    expect(base).toMatch(/^[0-9a-f]{64}$/)
    expect(recordHash(aRecord(1, GENESIS_HASH, { signerName: '张建平' }))).not.toBe(base)
    expect(recordHash(aRecord(1, GENESIS_HASH, { geo: null }))).not.toBe(base)
    expect(recordHash(aRecord(1, GENESIS_HASH, { strokes: '1:AAgD' }))).not.toBe(base)
  })

  it('when a village has no head yet, then the next link is seq 1 on the genesis hash; else the one after the head', () => {
    expect(nextLink(null)).toEqual({ seq: 1, prevHash: GENESIS_HASH })
    expect(nextLink({ lastSeq: 7, lastHash: 'f'.repeat(64) })).toEqual({ seq: 8, prevHash: 'f'.repeat(64) })
  })

  it('when the chain is intact, then verification is ok and counts every record', () => {
    const chain = aChain(4)
    expect(verifyChain(VILLAGE, chain, headOf(chain))).toEqual({ villageId: VILLAGE, checked: 4, ok: true, problems: [] })
  })

  it('when a village has no pledges, then verification is ok', () => {
    expect(verifyChain(VILLAGE, [], null)).toEqual({ villageId: VILLAGE, checked: 0, ok: true, problems: [] })
  })

  it('when one record\'s content is changed, then exactly that record is named altered', () => {
    const chain = aChain(4)
    chain[1] = { ...chain[1], signerName: '李四' }
    const result = verifyChain(VILLAGE, chain, headOf(chain))
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual([{ seq: 2, pledgeId: chain[1].id, kind: 'altered', message: expect.stringContaining('第 2 份') }])
  })

  it('when a record is changed and its hash recomputed, then the next record is named as a broken link', () => {
    const chain = aChain(3)
    const forged = { ...chain[1], signerName: '李四' }
    chain[1] = { ...forged, recordHash: recordHash(forged) }
    expect(verifyChain(VILLAGE, chain, headOf(chain)).problems).toEqual([
      { seq: 3, pledgeId: chain[2].id, kind: 'broken_link', message: expect.any(String) },
    ])
  })

  it('when a record in the middle is removed, then its seq is named missing', () => {
    const chain = aChain(4)
    const head = headOf(chain)
    const result = verifyChain(VILLAGE, [chain[0], chain[2], chain[3]], head)
    expect(result.checked).toBe(3)
    expect(result.problems).toEqual([{ seq: 2, pledgeId: null, kind: 'missing', message: '第 2 份承诺书缺失' }])
  })

  it('when the last record is removed, then the head shows it missing', () => {
    const chain = aChain(3)
    expect(verifyChain(VILLAGE, chain.slice(0, 2), headOf(chain)).problems).toEqual([
      { seq: 3, pledgeId: null, kind: 'missing', message: '第 3 份承诺书缺失' },
    ])
  })

  it('when the first record does not link to genesis, then it is named a broken link', () => {
    const record = aRecord(1, 'b'.repeat(64))
    const chain = [{ ...record, recordHash: recordHash(record) }]
    expect(verifyChain(VILLAGE, chain, headOf(chain)).problems.map((p) => [p.seq, p.kind])).toEqual([[1, 'broken_link']])
  })

  it('when the whole tail is rewritten consistently but the head still holds the old hash, then the last record is named', () => {
    const chain = aChain(2)
    const head = headOf(chain)
    const forged = { ...chain[1], signerName: '李四' }
    chain[1] = { ...forged, recordHash: recordHash(forged) }
    expect(verifyChain(VILLAGE, chain, head).problems.map((p) => [p.seq, p.kind])).toEqual([[2, 'broken_link']])
  })
})
