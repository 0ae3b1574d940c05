import { Type, type Static } from 'typebox'
import { MAX_LABELS_PER_REQUEST } from '../core/door-advice'
import { RegionId, Uuid } from './common'

/** Door labels: issuing their QR tokens and the printable sheet. */

const UUID_LIST = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'

// One object rather than a union: with removeAdditional the validator would strip one branch's fields while trying the other.
export const LabelIssueInput = Type.Object({
  gridId: Type.Optional(RegionId),
  householdIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: MAX_LABELS_PER_REQUEST })),
  reissue: Type.Optional(Type.Boolean({ description: 'true：重新发放并作废旧门牌' })),
}, { description: '按网格（gridId）或按住户（householdIds）' })
export type LabelIssueInput = Static<typeof LabelIssueInput>

export const LabelIssueResult = Type.Object({
  issued: Type.Integer({ description: '新发放的门牌数' }),
  revoked: Type.Integer({ description: '作废的旧门牌数' }),
})
export type LabelIssueResult = Static<typeof LabelIssueResult>

export const LabelSheetQuery = Type.Object({
  gridId: Type.Optional(RegionId),
  householdIds: Type.Optional(Type.String({ pattern: `^${UUID_LIST}(,${UUID_LIST})*$`, maxLength: 37 * MAX_LABELS_PER_REQUEST, description: '以逗号分隔的住户 id' })),
})
export type LabelSheetQuery = Static<typeof LabelSheetQuery>

export const DoorLabel = Type.Object({
  householdId: Type.String(),
  householdCode: Type.String(),
  gridName: Type.String(),
  url: Type.String({ description: '二维码内容：PUBLIC_BASE_URL/h/<token>' }),
  qrSvg: Type.String({ description: '二维码 SVG' }),
})
export type DoorLabel = Static<typeof DoorLabel>

export const LabelSheet = Type.Object({
  station: Type.String(),
  hotline: Type.String(),
  slogan: Type.String(),
  labels: Type.Array(DoorLabel),
})
export type LabelSheet = Static<typeof LabelSheet>

export const labelEndpoints = {
  'POST /api/labels/issue': { body: LabelIssueInput, response: LabelIssueResult },
  'GET /api/labels/sheet': { query: LabelSheetQuery, response: LabelSheet },
}
