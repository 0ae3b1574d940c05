import { Type, type Static } from 'typebox'
import { INVITATION_LIMITS, INVITATION_STATUS_LABELS, STAFF_ROLES, type InvitationStatus } from '../core/membership'
import { RegionId } from './common'
import { Me } from './auth'

/** Invitations to a staff role: made by an admin or a cadre, shown as a QR code, accepted by the invited person. */

const StaffRole = Type.Enum([...STAFF_ROLES])
const Status = Type.Enum(Object.keys(INVITATION_STATUS_LABELS) as InvitationStatus[])

export const Invitation = Type.Object({
  code: Type.String(),
  url: Type.String({ description: '二维码内容：PUBLIC_BASE_URL/join/<邀请码>' }),
  qrSvg: Type.String(),
  role: StaffRole,
  regionId: Type.String(),
  regionName: Type.String({ description: '如“柏林镇 东胜村”' }),
  maxUses: Type.Integer(),
  usedCount: Type.Integer(),
  expiresAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  inviterName: Type.String(),
  status: Status,
})
export type Invitation = Static<typeof Invitation>

export const InvitationInput = Type.Object({
  role: StaffRole,
  regionId: RegionId,
  maxUses: Type.Integer({ minimum: 1, maximum: INVITATION_LIMITS.maxUses, default: 1, description: '可使用次数' }),
  expiresInHours: Type.Integer({ minimum: 1, maximum: INVITATION_LIMITS.maxHours, default: INVITATION_LIMITS.defaultHours, description: '有效期（小时）' }),
})
export type InvitationInput = Static<typeof InvitationInput>

/** What the invited person sees before 「接受」. */
export const InvitationPreview = Type.Object({
  code: Type.String(),
  role: StaffRole,
  regionName: Type.String(),
  inviterName: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  status: Status,
  alreadyHeld: Type.Boolean({ description: '已持有该角色：接受不会改变什么' }),
})
export type InvitationPreview = Static<typeof InvitationPreview>

// Typed by hand from a phone: case, spaces and dashes are forgiven by the service.
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9 -]+$' }) })

export const invitationEndpoints = {
  'POST /api/invitations': { body: InvitationInput, response: Invitation },
  'GET /api/invitations': { response: Type.Object({ items: Type.Array(Invitation) }) },
  'POST /api/invitations/:code/revoke': { params: CodeParams, response: Invitation },
  'GET /api/invitations/:code': { params: CodeParams, response: InvitationPreview },
  'POST /api/invitations/:code/accept': { params: CodeParams, response: Type.Object({ me: Me }) },
}
