import { Type, type Static, type TSchema } from 'typebox'
import { PlainText, RegionId, Uuid } from './common'

/** WeChat groups bulletins are shared into (action group.label: cadres label their own, admins see all in scope). */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

export const WeChatGroup = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  tier: Type.Union([Type.Literal(1), Type.Literal(2), Type.Null()]),
  regionId: Nullable(Type.String()),
  regionName: Nullable(Type.String()),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  firstSeenAt: Type.String(),
  labelledAt: Nullable(Type.String()),
})
export type WeChatGroup = Static<typeof WeChatGroup>

export const GroupLabelInput = Type.Object({
  name: PlainText({ minLength: 1, maxLength: 40, description: '群名称，如“东胜村3组群”' }),
  tier: Type.Union([Type.Literal(1), Type.Literal(2)], { description: '1 平安群，2 村群' }),
  regionId: RegionId,
})
export type GroupLabelInput = Static<typeof GroupLabelInput>

export const GroupQuery = Type.Object({
  regionId: Type.Optional(RegionId),
  unlabelled: Type.Optional(Type.Boolean({ description: '只看未标注的群' })),
})
export type GroupQuery = Static<typeof GroupQuery>

export const groupEndpoints = {
  'GET /api/groups': { query: GroupQuery, response: Type.Array(WeChatGroup) },
  'PUT /api/groups/:id': { params: Type.Object({ id: Uuid }), body: GroupLabelInput, response: WeChatGroup },
}
