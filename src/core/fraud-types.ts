/**
 * The fraud types that bulletins, the knowledge library and the question bank all speak of. The key is stable
 * (stored in rows); the name is what people read.
 */
export const FRAUD_TYPES = [
  { key: 'rebate_task', name: '刷单返利' },
  { key: 'fake_investment', name: '虚假网络投资理财' },
  { key: 'fake_loan', name: '虚假网络贷款' },
  { key: 'fake_customer_service', name: '冒充电商物流客服' },
  { key: 'fake_police', name: '冒充公检法' },
  { key: 'romance', name: '网络交友婚恋(杀猪盘)' },
  { key: 'fake_boss', name: '冒充领导熟人' },
  { key: 'fake_credit', name: '虚假征信' },
  { key: 'game_trade', name: '网络游戏虚假交易' },
  { key: 'ai_face_voice', name: 'AI换脸拟声' },
  { key: 'fake_military_purchase', name: '冒充军警购物' },
  { key: 'elderly_care', name: '以养老为名' },
  { key: 'other', name: '其他类型' },
] as const

export type FraudTypeKey = (typeof FRAUD_TYPES)[number]['key']
export const FRAUD_TYPE_KEYS = FRAUD_TYPES.map((t) => t.key) as FraudTypeKey[]

export function fraudTypeName(key: string): string {
  return FRAUD_TYPES.find((t) => t.key === key)?.name ?? '其他类型'
}
