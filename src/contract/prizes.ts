import { Type, type Static } from 'typebox'
import { MAX_PICKUP_PLACE_LENGTH, MAX_PRIZE_DESCRIPTION_LENGTH, MAX_PRIZE_NAME_LENGTH } from '../core/prizes'
import { PlainText, RegionId, Timestamp, Uuid } from './common'

/** Prizes for the daily quiz: what a resident may claim, the claims and their codes, the admins' list, redemption. */

const Iso = Type.String({ format: 'date-time' })
const NullableInt = (min: number, max: number, description: string) => Type.Union([Type.Null(), Type.Integer({ minimum: min, maximum: max })], { description })

export const PrizeInput = Type.Object({
  regionId: RegionId,
  name: PlainText({ minLength: 1, maxLength: MAX_PRIZE_NAME_LENGTH, description: '奖品名称' }),
  description: PlainText({ maxLength: MAX_PRIZE_DESCRIPTION_LENGTH, description: '说明' }),
  stock: Type.Integer({ minimum: 0, maximum: 1_000_000, description: '库存（份）' }),
  perUserLimit: Type.Integer({ minimum: 1, maximum: 100, description: '每人限领份数' }),
  // Null first: with type coercion on, an integer branch tried first would turn null into 0.
  minScore: NullableInt(0, 100, '领取所需的最好答题成绩；null 为不限'),
  minStreak: NullableInt(1, 366, '领取所需的连续答题天数；null 为不限'),
  validFrom: Timestamp('开始领取时间'),
  validTo: Timestamp('截止领取时间'),
  pickupPlace: PlainText({ minLength: 1, maxLength: MAX_PICKUP_PLACE_LENGTH, description: '领取地点' }),
})
export type PrizeInput = Static<typeof PrizeInput>

export const PrizeAdminItem = Type.Object({
  ...PrizeInput.properties,
  name: Type.String(), description: Type.String(), pickupPlace: Type.String(), validFrom: Iso, validTo: Iso,
  id: Type.String(), granted: Type.Integer({ description: '已领出' }), redeemed: Type.Integer({ description: '已兑换' }),
})
export type PrizeAdminItem = Static<typeof PrizeAdminItem>

export const PrizeOffer = Type.Object({
  id: Type.String(), name: Type.String(), description: Type.String(), remaining: Type.Integer(), pickupPlace: Type.String(), validTo: Iso,
  unmet: Type.Array(Type.String(), { description: '还不能领取的原因；为空即可领取' }), claimedByMe: Type.Integer(), perUserLimit: Type.Integer(),
})
export type PrizeOffer = Static<typeof PrizeOffer>

export const PrizeClaim = Type.Object({
  id: Type.String(), prizeId: Type.String(), prizeName: Type.String(), code: Type.String({ description: '兑换码（客户端显示为文字和二维码）' }),
  pickupPlace: Type.String(), claimedAt: Iso, redeemedAt: Type.Union([Iso, Type.Null()]),
})
export type PrizeClaim = Static<typeof PrizeClaim>

export const RedemptionView = Type.Object({
  code: Type.String(), prizeName: Type.String(), claimantName: Type.String({ description: '领取人（脱敏）' }), claimedAt: Iso,
  redeemedAt: Type.Union([Iso, Type.Null()]), redeemedByName: Type.Union([Type.String(), Type.Null()]),
})
export type RedemptionView = Static<typeof RedemptionView>

const ById = Type.Object({ id: Uuid })
const ByCode = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40, description: '兑换码' }) })

export const prizeEndpoints = {
  'GET /api/prizes': { response: Type.Array(PrizeOffer) },
  'POST /api/prizes/:id/claims': { params: ById, response: PrizeClaim },
  'GET /api/prizes/my-claims': { response: Type.Array(PrizeClaim) },
  'GET /api/prizes/manage': { query: Type.Object({ regionId: Type.Optional(RegionId) }), response: Type.Array(PrizeAdminItem) },
  'POST /api/prizes': { body: PrizeInput, response: PrizeAdminItem },
  'PUT /api/prizes/:id': { params: ById, body: PrizeInput, response: PrizeAdminItem },
  'GET /api/prize-claims/:code': { params: ByCode, response: RedemptionView },
  'POST /api/prize-claims/:code/redeem': { params: ByCode, response: RedemptionView },
}
