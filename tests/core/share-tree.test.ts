import { childTier, isDeviceReaderKey, isShareId, MAX_SHARE_DEPTH, rootTier, shareIdFromBytes, sharePath, type ShareLink } from '@/core/share-tree'

/** A clean chain root → … → parent, returned parent first as the repository answers it. */
const aChain = (length: number, rootTier = 0): ShareLink[] =>
  Array.from({ length }, (_, i) => ({ id: `s${i}`, parentId: i === 0 ? null : `s${i - 1}`, tier: rootTier + i })).reverse()

describe('share ids', () => {
  it('when bytes below 248 are given, then ten base62 characters come out and bytes from 248 up are skipped', () => {
    const bytes = Uint8Array.from([0, 248, 61, 62, 255, 123, 10, 36, 1, 2, 3, 4])
    expect(shareIdFromBytes(bytes)).toBe('0z0zAa1234')
  })

  it('when too few usable bytes are given, then no id comes out', () => {
    expect(shareIdFromBytes(Uint8Array.from([1, 2, 250, 251, 252]))).toBeNull()
  })

  it('when ids are checked, then only ten URL-safe alphanumerics pass', () => {
    expect(isShareId('0z0xaA1234')).toBe(true)
    expect(isShareId('0z0xaA123')).toBe(false)
    expect(isShareId('0z0xaA12-4')).toBe(false)
    expect(isShareId("'; drop--x")).toBe(false)
  })

  it('when a path is made, then it carries the bulletin and the share', () => {
    expect(sharePath('b1', 'S123456789')).toBe('/pages/bulletin/index?id=b1&share=S123456789')
  })
})

describe('tiers', () => {
  it('when the parent is the station share, then the child is tier 1; under a tier-1 share, tier 2', () => {
    expect(childTier(aChain(1))).toEqual({ ok: true, tier: 1 })
    expect(childTier(aChain(2))).toEqual({ ok: true, tier: 2 })
  })

  it('when the parent is a parentless tier-1 share, then the child is tier 2', () => {
    expect(childTier(aChain(1, 1))).toEqual({ ok: true, tier: 2 })
  })

  it('when the chain revisits a share, then it is a loop', () => {
    const looped: ShareLink[] = [{ id: 'a', parentId: 'b', tier: 2 }, { id: 'b', parentId: 'a', tier: 1 }, { id: 'a', parentId: 'b', tier: 0 }]
    expect(childTier(looped)).toEqual({ ok: false, code: 'SHARE_LOOP' })
  })

  it('when the chain is deeper than allowed, then it is refused as a loop', () => {
    expect(childTier(aChain(MAX_SHARE_DEPTH))).toEqual({ ok: true, tier: MAX_SHARE_DEPTH })
    expect(childTier(aChain(MAX_SHARE_DEPTH, 1))).toEqual({ ok: false, code: 'SHARE_LOOP' })
    expect(childTier(aChain(MAX_SHARE_DEPTH + 1))).toEqual({ ok: false, code: 'SHARE_LOOP' })
  })

  it('when tiers do not step by one or the top is not a root, then the chain is refused', () => {
    expect(childTier([{ id: 'b', parentId: 'a', tier: 3 }, { id: 'a', parentId: null, tier: 0 }]).ok).toBe(false)
    expect(childTier([{ id: 'b', parentId: 'a', tier: 1 }]).ok).toBe(false)
  })

  it('when station staff share first, then it is tier 0; a second station share or anyone else, tier 1', () => {
    expect(rootTier(true, false)).toBe(0)
    expect(rootTier(true, true)).toBe(1)
    expect(rootTier(false, false)).toBe(1)
  })

  it('when a reader key is checked, then only d:<uuid> passes', () => {
    expect(isDeviceReaderKey('d:0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true)
    expect(isDeviceReaderKey('u:0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(false)
    expect(isDeviceReaderKey('d:hello')).toBe(false)
  })
})
