import { Type, type Static } from 'typebox'
import { CHAIN_PROBLEM_KINDS } from '../core/pledge-chain'
import { SIGNER_CHOICES } from '../core/pledge-signer'
import { Geo, PlainText, RegionId, SyncBatchResult, Uuid } from './common'

/** Pledges signed at the door: the template, the offline upload, a household's pledges and the village chain's check. */

export const PledgeTemplate = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  sha256: Type.String({ description: '正文 UTF-8 字节的 SHA-256（十六进制）' }),
})
export type PledgeTemplate = Static<typeof PledgeTemplate>

/** Signer fields may be blank here: a blank one is refused for that item alone, not for the whole batch. */
export const PledgeInput = Type.Object({
  id: Uuid,
  householdId: Uuid,
  templateVersion: Type.Integer({ minimum: 1, maximum: 100000 }),
  templateSha256: Type.String({ maxLength: 64 }),
  signer: Type.Optional(Type.Enum([...SIGNER_CHOICES], { description: 'head 户主本人（姓名由服务器按住户登记填写）/ member 其他家庭成员' })),
  signerName: Type.Optional(PlainText({ maxLength: 30, description: '签署人姓名（其他家庭成员时填写；户主本人时忽略）' })),
  signerRelation: PlainText({ maxLength: 20, description: '与户主关系' }),
  strokes: Type.String({ maxLength: 16000, description: '签名笔迹的紧凑矢量编码，见 src/core/strokes.ts' }),
  signedAt: Type.String({ maxLength: 40, description: 'ISO 8601 签署时间' }),
  geo: Type.Optional(Type.Union([Geo, Type.Null()])),
})
export type PledgeInput = Static<typeof PledgeInput>

export const ChainVerification = Type.Object({
  villageId: Type.String(),
  checked: Type.Integer(),
  ok: Type.Boolean(),
  problems: Type.Array(Type.Object({
    seq: Type.Integer(),
    pledgeId: Type.Union([Type.String(), Type.Null()]),
    kind: Type.Enum([...CHAIN_PROBLEM_KINDS]),
    message: Type.String(),
  })),
})
export type ChainVerification = Static<typeof ChainVerification>

/** One pledge a household signed, the signer's name masked. */
export const PledgeSummary = Type.Object({
  id: Type.String(),
  householdId: Type.String(),
  signerName: Type.String({ description: '签署人姓名（脱敏）' }),
  signerRelation: Type.String(),
  signedAt: Type.String({ format: 'date-time' }),
  templateVersion: Type.Integer(),
  workerName: Type.String({ description: '宣讲人' }),
  seq: Type.Integer({ description: '在本村承诺书链中的序号' }),
})
export type PledgeSummary = Static<typeof PledgeSummary>

export const pledgeEndpoints = {
  'GET /api/pledges/template': { response: PledgeTemplate },
  'POST /api/pledges/batch': {
    body: Type.Object({ pledges: Type.Array(PledgeInput, { minItems: 1, maxItems: 50 }) }),
    response: SyncBatchResult,
  },
  'GET /api/pledges/verify': { query: Type.Object({ villageId: RegionId }), response: ChainVerification },
  'GET /api/pledges': { query: Type.Object({ householdId: Uuid }), response: Type.Object({ items: Type.Array(PledgeSummary) }) },
}
