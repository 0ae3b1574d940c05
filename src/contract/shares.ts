import { Type, type Static } from 'typebox'
import { Uuid } from './common'

/** Sharing a bulletin and opening it (public: a bearer, when sent, names the reader): the share tree and the opens. */

const ShareId = Type.String({ minLength: 1, maxLength: 64, description: '分享编号（来自页面路径）' })
const ReaderKey = Type.String({ maxLength: 64, description: '未登录读者的设备编号 d:<uuid>' })

export const ShareInput = Type.Object({
  parentShareId: Type.Optional(Type.Union([ShareId, Type.Null()], { description: '转发者是从哪次分享打开的；首次分享为 null' })),
  readerKey: Type.Optional(ReaderKey),
})
export type ShareInput = Static<typeof ShareInput>

export const ShareCreated = Type.Object({
  id: Type.String(),
  tier: Type.Integer(),
  path: Type.String({ description: '带分享编号的页面路径，用于转发卡片或 H5 链接' }),
})
export type ShareCreated = Static<typeof ShareCreated>

/** What a card opened from a WeChat group gives: wx.getGroupEnterInfo's encrypted data. */
export const EncryptedGroupInfo = Type.Object({
  encryptedData: Type.String({ minLength: 1, maxLength: 4096 }),
  iv: Type.String({ minLength: 1, maxLength: 64 }),
})
export type EncryptedGroupInfo = Static<typeof EncryptedGroupInfo>

export const OpenInput = Type.Object({
  bulletinId: Uuid,
  shareId: Type.Optional(Type.Union([ShareId, Type.Null()])),
  readerKey: Type.Optional(ReaderKey),
  scene: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100000 }), Type.Null()])),
  group: Type.Optional(Type.Union([EncryptedGroupInfo, Type.Null()], { description: '仅限微信登录：用该会话的 session key 解密' })),
})
export type OpenInput = Static<typeof OpenInput>

export const OpenResult = Type.Object({
  counted: Type.Boolean({ description: '同一读者在同一群（或无群）只计一次' }),
  group: Type.Union([Type.Object({
    id: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    tier: Type.Union([Type.Literal(1), Type.Literal(2), Type.Null()]),
  }), Type.Null()]),
  notices: Type.Optional(Type.Array(Type.Object({ code: Type.String(), message: Type.String() }), { description: '已计数，但群或分享信息未能采用的原因' })),
})
export type OpenResult = Static<typeof OpenResult>

export const shareEndpoints = {
  'POST /api/public/bulletins/:id/shares': { params: Type.Object({ id: Uuid }), body: ShareInput, response: ShareCreated },
  'POST /api/public/opens': { body: OpenInput, response: OpenResult },
}
