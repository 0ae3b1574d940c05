import { Type, type Static } from 'typebox'
import { HOUSEHOLD_TAGS, IMPORT_PREVIEW_ROWS } from '../core/households'
import { ImportRowError, Page, PageQuery, PlainText, RegionId, Uuid } from './common'

/** Households as the grid worker's list, the door label and the admin's table show them (name and phone masked). */

const Iso = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
const LatLng = Type.Object({ lat: Type.Number(), lng: Type.Number() })

export const HouseholdSummary = Type.Object({
  id: Type.String(),
  code: Type.String({ description: '门牌标签上的短码' }),
  regionId: Type.String(),
  gridName: Type.String(),
  address: Type.String(),
  headName: Type.String({ description: '户主姓名（脱敏）' }),
  phoneMasked: Type.Union([Type.String(), Type.Null()], { description: '联系电话（脱敏）' }),
  tags: Type.Array(Type.String()),
  memberCount: Type.Integer(),
})
export type HouseholdSummary = Static<typeof HouseholdSummary>

export const HouseholdDetail = Type.Object({
  ...HouseholdSummary.properties,
  labelVersion: Type.Integer({ description: '门牌版本，0 表示尚未发放门牌' }),
  firstVisitAt: Iso,
  lastVisitAt: Iso,
  pledgedAt: Iso,
  appInstalled: Type.Boolean(),
  callWarningOn: Type.Boolean(),
  geo: Type.Union([LatLng, Type.Null()]),
}, { description: '住户详情（姓名、电话脱敏）' })
export type HouseholdDetail = Static<typeof HouseholdDetail>

// Lengths and tags are checked again by src/core/households.ts, which names the problem in Chinese.
/** Add or edit. `phone` is write-only: it is stored encrypted and only ever read back masked. */
export const HouseholdInput = Type.Object({
  regionId: RegionId,
  address: PlainText({ maxLength: 200, description: '地址' }),
  headName: PlainText({ maxLength: 60, description: '户主姓名' }),
  phone: Type.Optional(Type.Union([PlainText({ maxLength: 24 }), Type.Null()], { description: '手机号码；只写不读，省略则不修改，null 或空串清除' })),
  tags: Type.Array(PlainText({ maxLength: 20 }), { maxItems: 10, description: `标签：${HOUSEHOLD_TAGS.join('、')}` }),
  memberCount: Type.Integer({ description: '人数 1–30' }),
  geo: Type.Optional(Type.Union([LatLng, Type.Null()])),
})
export type HouseholdInput = Static<typeof HouseholdInput>

/** GET /api/households: a grid worker's search by code or address, and the admins' filters. */
export const HouseholdSearch = Type.Object({
  regionId: Type.Optional(RegionId),
  q: Type.Optional(PlainText({ maxLength: 50, description: '按户码或地址查找' })),
  tag: Type.Optional(Type.Enum([...HOUSEHOLD_TAGS], { description: '含有该标签' })),
  visited: Type.Optional(Type.Enum(['yes', 'no'], { description: 'yes：已走访过；no：从未走访' })),
  pledged: Type.Optional(Type.Enum(['yes', 'no'], { description: 'yes：已签承诺书；no：未签' })),
  ...PageQuery,
})
export type HouseholdSearch = Static<typeof HouseholdSearch>
/** The admins' filters of the search, beside region, text and page. */
export type HouseholdFilters = Pick<HouseholdSearch, 'tag' | 'visited' | 'pledged'>

export const HouseholdImportResult = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer({ description: '文件中的数据行数' }),
  created: Type.Integer({ description: '新建（试导入时为将新建）的住户数' }),
  errors: Type.Array(ImportRowError),
  preview: Type.Array(Type.Object({
    row: Type.Integer(),
    regionId: Type.String(),
    address: Type.String(),
    headName: Type.String({ description: '户主姓名（脱敏）' }),
    phoneMasked: Type.Union([Type.String(), Type.Null()]),
    tags: Type.Array(Type.String()),
    memberCount: Type.Integer(),
  }), { description: `试导入时前 ${IMPORT_PREVIEW_ROWS} 行的预览` }),
})
export type HouseholdImportResult = Static<typeof HouseholdImportResult>

const ById = Type.Object({ id: Uuid })

export const householdEndpoints = {
  'GET /api/households': { query: HouseholdSearch, response: Page(HouseholdSummary) },
  'GET /api/households/:id': { params: ById, response: HouseholdDetail },
  'POST /api/households': { body: HouseholdInput, response: HouseholdDetail },
  'PUT /api/households/:id': { params: ById, body: HouseholdInput, response: HouseholdDetail },
  'POST /api/households/:id/phone': { params: ById, response: Type.Object({ phone: Type.String() }) },
}
