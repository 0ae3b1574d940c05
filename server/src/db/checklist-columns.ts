import { VISIT_CHECKLIST, type ChecklistKey } from '#core/visits'

/** A checklist key as its column is named: 'callWarningOn' → 'call_warning_on'. */
type ColumnOf<K extends string> = K extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${ColumnOf<Tail>}`
  : K

/** One boolean column of `visits` per item of core's checklist: an item added there needs only its migration. */
export type ChecklistColumns = { [K in ChecklistKey as ColumnOf<K>]: boolean }

export const checklistColumn = <K extends ChecklistKey>(key: K) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as ColumnOf<K>

/** The checklist's columns, in the checklist's order. */
export const CHECKLIST_COLUMNS: readonly (keyof ChecklistColumns)[] = VISIT_CHECKLIST.map(({ key }) => checklistColumn(key))

/** A visit's answers as its row's columns. */
export const checklistRow = (answers: Record<ChecklistKey, boolean>) =>
  Object.fromEntries(VISIT_CHECKLIST.map(({ key }) => [checklistColumn(key), answers[key]])) as ChecklistColumns
