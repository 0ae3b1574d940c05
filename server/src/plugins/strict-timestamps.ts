import type { Ajv } from 'ajv'
import { parseTimestamp } from '#core/timestamp'

/**
 * Replaces ajv-formats' `date-time` (space separator, lower-case `t`/`z`, `+0800`, any year) with the one rule
 * of src/core/timestamp.ts, so that every timestamp field validated by a schema means the same instant to
 * JavaScript and to PostgreSQL. Runs as the validator's onCreate: after ajv-formats, which would overwrite it.
 */
export function useStrictTimestamps(ajv: Ajv): void {
  ajv.addFormat('date-time', { type: 'string', validate: (text: string) => parseTimestamp(text) !== null })
}
