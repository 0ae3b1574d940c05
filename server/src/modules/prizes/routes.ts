import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { MAX_PICKUP_PLACE_LENGTH, MAX_PRIZE_DESCRIPTION_LENGTH, MAX_PRIZE_NAME_LENGTH } from '#core/prizes'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, ErrorResponse } from '../../plugins/schemas'
import { PlainText, RegionId, Timestamp, Uuid } from '#contract/common'

const TAGS = ['答题奖品']
const ERRORS = { ...COMMON_ERRORS, 409: ErrorResponse }
const Iso = Type.String({ format: 'date-time' })
const NullableInt = (min: number, max: number, description: string) => Type.Union([Type.Null(), Type.Integer({ minimum: min, maximum: max })], { description })

const PrizeInput = Type.Object({
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

const PrizeAdminItem = Type.Object({
  ...PrizeInput.properties,
  name: Type.String(), description: Type.String(), pickupPlace: Type.String(), validFrom: Iso, validTo: Iso,
  id: Type.String(), granted: Type.Integer({ description: '已领出' }), redeemed: Type.Integer({ description: '已兑换' }),
})

const PrizeOffer = Type.Object({
  id: Type.String(), name: Type.String(), description: Type.String(), remaining: Type.Integer(), pickupPlace: Type.String(), validTo: Iso,
  unmet: Type.Array(Type.String(), { description: '还不能领取的原因；为空即可领取' }), claimedByMe: Type.Integer(), perUserLimit: Type.Integer(),
})

const PrizeClaim = Type.Object({
  id: Type.String(), prizeId: Type.String(), prizeName: Type.String(), code: Type.String({ description: '兑换码（客户端显示为文字和二维码）' }),
  pickupPlace: Type.String(), claimedAt: Iso, redeemedAt: Type.Union([Iso, Type.Null()]),
})

const RedemptionView = Type.Object({
  code: Type.String(), prizeName: Type.String(), claimantName: Type.String({ description: '领取人（脱敏）' }), claimedAt: Iso,
  redeemedAt: Type.Union([Iso, Type.Null()]), redeemedByName: Type.Union([Type.String(), Type.Null()]),
})

const ById = Type.Object({ id: Uuid })
const ByCode = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40, description: '兑换码' }) })

export default async function prizeRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const prizes = services.prizes

  app.get('/api/prizes', {
    schema: { tags: TAGS, summary: '我可以领取的奖品，以及还不能领取的原因', response: { 200: Type.Array(PrizeOffer), ...COMMON_ERRORS } },
  }, (req) => prizes.offers(callerOf(req)))

  app.post('/api/prizes/:id/claims', {
    schema: { tags: TAGS, summary: '领取奖品（库存和每人限领数严格保证），返回兑换码', params: ById, response: { 200: PrizeClaim, ...ERRORS } },
  }, (req) => prizes.claim(callerOf(req), req.params.id))

  app.get('/api/prizes/my-claims', {
    schema: { tags: TAGS, summary: '我领取的奖品和兑换码', response: { 200: Type.Array(PrizeClaim), ...COMMON_ERRORS } },
  }, (req) => prizes.myClaims(callerOf(req)))

  app.get('/api/prizes/manage', {
    schema: {
      tags: TAGS, summary: '辖区内的奖品（含库存、已领出、已兑换）',
      querystring: Type.Object({ regionId: Type.Optional(RegionId) }), response: { 200: Type.Array(PrizeAdminItem), ...COMMON_ERRORS },
    },
  }, (req) => prizes.manageList(callerOf(req), req.query.regionId))

  app.post('/api/prizes', {
    schema: { tags: TAGS, summary: '新建奖品', body: PrizeInput, response: { 200: PrizeAdminItem, ...COMMON_ERRORS } },
  }, (req) => prizes.create(callerOf(req), req.body))

  app.put('/api/prizes/:id', {
    schema: { tags: TAGS, summary: '修改奖品（库存不能少于已领出的份数）', params: ById, body: PrizeInput, response: { 200: PrizeAdminItem, ...COMMON_ERRORS } },
  }, (req) => prizes.update(callerOf(req), req.params.id, req.body))

  app.get('/api/prize-claims/:code', {
    schema: { tags: TAGS, summary: '核对兑换码（工作人员）', params: ByCode, response: { 200: RedemptionView, ...COMMON_ERRORS } },
  }, (req) => prizes.lookUp(callerOf(req), req.params.code))

  app.post('/api/prize-claims/:code/redeem', {
    schema: { tags: TAGS, summary: '兑换（每个兑换码只能兑换一次）', params: ByCode, response: { 200: RedemptionView, ...ERRORS } },
  }, (req) => prizes.redeem(callerOf(req), req.params.code))
}
