export type Allotment = { granted: true } | { granted: false; reason: 'PRIZE_OUT_OF_STOCK' | 'PRIZE_LIMIT_REACHED'; claimedByMe: number }

/**
 * Who of a batch of claims on one prize gets it, in the order the claims arrived: nobody once the stock left is
 * gone, and nobody beyond their own limit (one resident may appear several times in a batch). Stock comes first,
 * as in `unmetConditions`. `claimed` holds each claimant's earlier claims and is not changed.
 */
export function allotClaims(userIds: readonly string[], stockLeft: number, perUserLimit: number, claimed: ReadonlyMap<string, number>): Allotment[] {
  const mine = new Map(claimed)
  let left = stockLeft
  return userIds.map((userId): Allotment => {
    const claimedByMe = mine.get(userId) ?? 0
    if (left <= 0) return { granted: false, reason: 'PRIZE_OUT_OF_STOCK', claimedByMe }
    if (claimedByMe >= perUserLimit) return { granted: false, reason: 'PRIZE_LIMIT_REACHED', claimedByMe }
    mine.set(userId, claimedByMe + 1)
    left -= 1
    return { granted: true }
  })
}
