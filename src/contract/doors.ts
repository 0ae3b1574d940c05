import { Type, type Static } from 'typebox'
import { HouseholdDetail } from './households'

/** What a scanned door label opens: the household for whoever serves its grid, the station's advice for anyone else. */

export const DoorAdvice = Type.Object({
  station: Type.String(),
  hotline: Type.String(),
  tips: Type.Array(Type.String()),
  village: Type.Optional(Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], { description: '门牌所在的村社区（公开名称）' })),
})
export type DoorAdvice = Static<typeof DoorAdvice>

export const DoorView = Type.Union([
  Type.Object({ kind: Type.Literal('household'), household: HouseholdDetail }),
  Type.Object({ kind: Type.Literal('public'), advice: DoorAdvice }),
], { description: '负责该网格的工作人员看到住户（脱敏）；居民和未登录者只看到派出所的提示' })
export type DoorView = Static<typeof DoorView>

export const doorEndpoints = {
  'GET /api/doors/:token': { params: Type.Object({ token: Type.String({ maxLength: 64 }) }), response: DoorView },
}
