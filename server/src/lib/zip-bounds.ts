import { promisify } from 'node:util'
import { inflateRaw } from 'node:zlib'

const inflateRawAsync = promisify(inflateRaw)

/** What an archive says it will inflate to. */
export interface ZipBounds {
  entries: number
  uncompressedBytes: number
}

export interface ZipLimits {
  maxEntries: number
  maxUncompressedBytes: number
}

export class ZipRefused extends Error {
  constructor(readonly reason: 'malformed' | 'too-large') {
    super(reason)
  }
}

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const MAX = 0xffffffff

interface Entry {
  method: number
  compressedBytes: number
  uncompressedBytes: number
  localOffset: number
}

/**
 * Reads the central directory only (no inflating) and refuses an archive that declares more entries or more
 * inflated bytes than the limits; then inflates each entry with its declared size as a hard cap, so an entry
 * that lies about its size is refused once it passes that size instead of filling memory. Only then may a
 * spreadsheet library open the archive.
 */
export async function checkZipBounds(zip: Buffer, limits: ZipLimits): Promise<ZipBounds> {
  const entries = centralDirectory(zip, limits)
  const uncompressedBytes = entries.reduce((sum, e) => sum + e.uncompressedBytes, 0)
  for (const entry of entries) await inflatesWithin(zip, entry)
  return { entries: entries.length, uncompressedBytes }
}

function centralDirectory(zip: Buffer, limits: ZipLimits): Entry[] {
  const eocd = findEndOfCentralDirectory(zip)
  let count = zip.readUInt16LE(eocd + 10)
  let offset = zip.readUInt32LE(eocd + 16)
  if (count === 0xffff || offset === MAX) ({ count, offset } = zip64Directory(zip, eocd))
  if (count > limits.maxEntries) throw new ZipRefused('too-large')
  const entries: Entry[] = []
  let total = 0
  for (let i = 0; i < count; i++) {
    need(zip, offset, 46)
    if (zip.readUInt32LE(offset) !== CENTRAL) throw new ZipRefused('malformed')
    const nameLength = zip.readUInt16LE(offset + 28)
    const extraLength = zip.readUInt16LE(offset + 30)
    const commentLength = zip.readUInt16LE(offset + 32)
    need(zip, offset + 46, nameLength + extraLength + commentLength)
    const entry: Entry = {
      method: zip.readUInt16LE(offset + 10),
      compressedBytes: zip.readUInt32LE(offset + 20),
      uncompressedBytes: zip.readUInt32LE(offset + 24),
      localOffset: zip.readUInt32LE(offset + 42),
    }
    if (entry.uncompressedBytes === MAX || entry.compressedBytes === MAX || entry.localOffset === MAX) {
      zip64Sizes(zip.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength), entry)
    }
    total += entry.uncompressedBytes
    if (total > limits.maxUncompressedBytes) throw new ZipRefused('too-large')
    entries.push(entry)
    offset += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 22 - 0xffff)
  for (let at = zip.length - 22; at >= lowest; at--) if (zip.readUInt32LE(at) === EOCD) return at
  throw new ZipRefused('malformed')
}

function zip64Directory(zip: Buffer, eocd: number): { count: number; offset: number } {
  const locator = eocd - 20
  if (locator < 0 || zip.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipRefused('malformed')
  const record = safeNumber(zip.readBigUInt64LE(locator + 8))
  need(zip, record, 56)
  if (zip.readUInt32LE(record) !== ZIP64_EOCD) throw new ZipRefused('malformed')
  return { count: safeNumber(zip.readBigUInt64LE(record + 32)), offset: safeNumber(zip.readBigUInt64LE(record + 48)) }
}

/** The zip64 extra field holds, in this order, only the sizes whose 32-bit fields are 0xFFFFFFFF. */
function zip64Sizes(extra: Buffer, entry: Entry) {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at)
    const size = extra.readUInt16LE(at + 2)
    if (id === 0x0001) {
      let field = at + 4
      const next = () => {
        if (field + 8 > at + 4 + size) throw new ZipRefused('malformed')
        const value = safeNumber(extra.readBigUInt64LE(field))
        field += 8
        return value
      }
      if (entry.uncompressedBytes === MAX) entry.uncompressedBytes = next()
      if (entry.compressedBytes === MAX) entry.compressedBytes = next()
      if (entry.localOffset === MAX) entry.localOffset = next()
      return
    }
    at += 4 + size
  }
  throw new ZipRefused('malformed')
}

async function inflatesWithin(zip: Buffer, entry: Entry) {
  need(zip, entry.localOffset, 30)
  if (zip.readUInt32LE(entry.localOffset) !== LOCAL) throw new ZipRefused('malformed')
  const start = entry.localOffset + 30 + zip.readUInt16LE(entry.localOffset + 26) + zip.readUInt16LE(entry.localOffset + 28)
  need(zip, start, entry.compressedBytes)
  const data = zip.subarray(start, start + entry.compressedBytes)
  if (entry.method === 0) {
    if (entry.compressedBytes !== entry.uncompressedBytes) throw new ZipRefused('malformed')
    return
  }
  if (entry.method !== 8) throw new ZipRefused('malformed')
  try {
    // +1 so that an entry exactly its declared size passes and one byte more is caught.
    await inflateRawAsync(data, { maxOutputLength: Math.max(1, entry.uncompressedBytes + 1) })
  } catch (e) {
    throw new ZipRefused((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'malformed')
  }
}

function need(zip: Buffer, offset: number, length: number) {
  if (offset < 0 || offset + length > zip.length) throw new ZipRefused('malformed')
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipRefused('too-large')
  return Number(value)
}
