/**
 * Requests made from the OpenAPI document: values that fit each schema, and the same values broken in one place
 * (a wrong type, a size just over a bound or far over, a NUL byte, a lone surrogate, a timestamp JavaScript and
 * PostgreSQL read differently, a missing or extra field). Seeded: a failure is replayed from its seed and index.
 */

export type Schema = {
  type?: string
  format?: string
  pattern?: string
  enum?: unknown[]
  const?: unknown
  anyOf?: Schema[]
  oneOf?: Schema[]
  items?: Schema
  properties?: Record<string, Schema>
  required?: string[]
  nullable?: boolean
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
}

export function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export interface Pools {
  uuids: string[]
  regionIds: string[]
  codes: string[]
  now: Date
}

const UUID_PATTERN = /0-9a-fA-F\]\{8\}/
const DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'
const TEXT = ['张建华', '柏林镇', '防骗提示', 'abc', '刷单返利', '13800138000', '1 号', '😀', '𠀀字', 'O\'Brien', '"quoted"', '<b>x</b>', '%_\\']
export const NASTY_STRINGS = [
  '\u0000', 'a\u0000b', '\uD800', 'x\uDC00y', '\uDBFF\uDBFF', '\u0000', '\uD800', 'ok\uD83D', '\uDE00ok', '\u202Eevil', '\u200B', '\uFEFF', "' OR 1=1 --", '../../etc/passwd',
  '%00', '%E0%A4%A', '\\u0000', '${7*7}', '{{7*7}}', '\r\n\r\nX-Injected: 1', '\u0085\u2028\u2029', 'ﾟﾟ', '🏳️‍🌈👨‍👩‍👧‍👦',
]
export const BAD_TIMESTAMPS = [
  '+002026-12-06T08:00:00Z', '2026-12-06 08:00:00 UTC+8', '2026-12-06T08:00:00', '1900-01-01T00:00:00Z', '9999-12-31T23:59:59Z',
  '2026-02-30T00:00:00Z', '2026-12-06T25:00:00Z', '2026-12-06T08:00:00+99:00', '-002026-01-01T00:00:00Z', '2026-12-06T08:00:00.1234567890123Z',
  'now', '', '0', '1733472000000',
]

export class SchemaFuzzer {
  constructor(private readonly random: () => number, private readonly pools: Pools) {}

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]
  }

  chance(p: number): boolean {
    return this.random() < p
  }

  /** A value that fits the schema as far as patterns allow. */
  valid(schema: Schema | undefined, depth = 0): unknown {
    if (!schema) return null
    if (schema.const !== undefined) return schema.const
    if (schema.enum) return this.pick(schema.enum)
    const branches = schema.anyOf ?? schema.oneOf
    if (branches) return this.valid(this.pick(branches), depth)
    if (schema.nullable && this.chance(0.1)) return null
    switch (schema.type) {
      case 'string': return this.validString(schema)
      case 'integer': return Math.round(this.between(schema.minimum ?? 0, Math.min(schema.maximum ?? 100, (schema.minimum ?? 0) + 100)))
      case 'number': return this.between(schema.minimum ?? -10, Math.min(schema.maximum ?? 1000, (schema.minimum ?? 0) + 1000))
      case 'boolean': return this.chance(0.5)
      case 'array': {
        // One to three items: an empty list passes the schema but fails most business rules, ending the request early.
        const min = schema.minItems ?? 0
        const n = depth > 3 ? min : Math.min(schema.maxItems ?? 3, Math.max(min, 1) + Math.floor(this.random() * 3))
        return Array.from({ length: n }, () => this.valid(schema.items, depth + 1))
      }
      case 'object': {
        const out: Record<string, unknown> = {}
        for (const [key, property] of Object.entries(schema.properties ?? {})) {
          if (schema.required?.includes(key) || this.chance(0.5)) out[key] = this.valid(property, depth + 1)
        }
        return out
      }
      case 'null': return null
      default: return this.pick(TEXT)
    }
  }

  /** The valid value broken at one place. */
  broken(schema: Schema | undefined, value: unknown): unknown {
    const target = this.randomPath(schema, value)
    if (!target) return this.breakLeaf(schema, value)
    const { parent, key, schema: leafSchema } = target
    const copy = structuredClone(parent)
    if (this.chance(0.1) && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[key]
    else (copy as Record<string, unknown>)[key] = this.breakLeaf(leafSchema, (parent as Record<string, unknown>)[key])
    return this.replace(value, parent, copy)
  }

  /** A broken value for one place in the tree. */
  breakLeaf(schema: Schema | undefined, value: unknown): unknown {
    const type = schema?.type
    // Strings are where bytes reach the database: they get the nasty strings most often, timestamps get bad times.
    const strategy = type === 'string'
      ? this.pick(schema?.format === 'date-time' ? ['time', 'time', 'time', 'string', 'type', 'size'] : ['string', 'string', 'unstorable', 'unstorable', 'type', 'size', 'time', 'null'])
      : this.pick(['type', 'type', 'size', 'size', 'string', 'string', 'time', 'extra', 'null', 'deep'])
    switch (strategy) {
      case 'type': return this.pick([42, -1, 1.5, true, 'text', [], {}, [1, 'a'], { a: 1 }, '', 1e308, -0].filter((v) => typeof v !== type))
      case 'size':
        if (type === 'string') return 'x'.repeat((schema?.maxLength ?? 100) + this.pick([1, 2, 100, 100_000]))
        if (type === 'integer' || type === 'number') return this.pick([(schema?.maximum ?? 0) + 1, (schema?.minimum ?? 0) - 1, 2 ** 53, -(2 ** 63), 0.5])
        if (type === 'array') return Array.from({ length: (schema?.maxItems ?? 50) + this.pick([1, 500]) }, () => this.valid(schema?.items, 4))
        return 'x'.repeat(this.pick([1, 70_000]))
      case 'string': return typeof value === 'string' && this.chance(0.5) ? `${value}${this.pick(NASTY_STRINGS)}` : this.pick(NASTY_STRINGS)
      case 'unstorable': return `${typeof value === 'string' ? value : ''}${this.pick(['\u0000', '\uD800', '\uDC00', '%00'])}`
      case 'time': return this.pick(BAD_TIMESTAMPS)
      case 'extra': return value && typeof value === 'object' && !Array.isArray(value) ? { ...value, __proto__x: 1, ['\uD800']: 2, constructor: { prototype: { polluted: true } } } : { $gt: '' }
      case 'null': return this.pick([null, undefined])
      default: return nest(this.pick([20, 200]))
    }
  }

  private validString(schema: Schema): string {
    if (schema.format === 'date-time') return new Date(this.pools.now.getTime() - Math.floor(this.random() * 5) * 86_400_000).toISOString()
    const pattern = schema.pattern ?? ''
    if (UUID_PATTERN.test(pattern)) return this.pools.uuids.length && this.chance(0.8) ? this.pick(this.pools.uuids) : this.uuid()
    if (pattern === DAY_PATTERN) return this.pick(['2026-12-01', '2026-11-30', '2026-01-01'])
    if (pattern.includes('A-Za-z0-9-')) return this.pick(this.pools.regionIds)
    const min = schema.minLength ?? 0
    // Path and query values without a pattern are mostly keys the server knows (fraud types, household codes).
    let text = this.chance(0.5) ? this.pick(this.pools.codes) : this.pick(TEXT)
    while (text.length < min) text += text || 'x'
    return schema.maxLength !== undefined ? text.slice(0, Math.max(min, Math.min(schema.maxLength, text.length))) : text
  }

  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.random() * 16).toString(16)).join('')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`
  }

  private between(min: number, max: number): number {
    return min + this.random() * Math.max(0, max - min)
  }

  /** A random object or array in the tree (with the schema of the chosen child), or null for a leaf value. */
  private randomPath(schema: Schema | undefined, value: unknown): { parent: object; key: string; schema: Schema | undefined } | null {
    const found: { parent: object; key: string; schema: Schema | undefined }[] = []
    const walk = (s: Schema | undefined, v: unknown) => {
      const resolved = s?.anyOf?.find((b) => b.type === (Array.isArray(v) ? 'array' : typeof v)) ?? s
      if (Array.isArray(v)) v.forEach((item, i) => { found.push({ parent: v, key: String(i), schema: resolved?.items }); walk(resolved?.items, item) })
      else if (v && typeof v === 'object') {
        for (const [key, item] of Object.entries(v)) { found.push({ parent: v, key, schema: resolved?.properties?.[key] }); walk(resolved?.properties?.[key], item) }
        for (const key of Object.keys(resolved?.properties ?? {})) if (!(key in v)) found.push({ parent: v, key, schema: resolved?.properties?.[key] })
      }
    }
    walk(schema, value)
    return found.length ? this.pick(found) : null
  }

  private replace(root: unknown, target: object, replacement: unknown): unknown {
    if (root === target) return replacement
    if (Array.isArray(root)) return root.map((item) => this.replace(item, target, replacement))
    if (root && typeof root === 'object') return Object.fromEntries(Object.entries(root).map(([k, v]) => [k, this.replace(v, target, replacement)]))
    return root
  }
}

function nest(depth: number): unknown {
  let value: unknown = 'deep'
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value }
  return value
}
