import {
  HOUSEHOLD_IMPORT_COLUMNS, checkHouseholdInput, checkImportRows, householdAddressKey, importHeaderMessage, isChineseMobile,
  looksLikeIdCardNumber, missingImportColumns, normalisePhone, parseTags, previewOf, type HouseholdDraft, type HouseholdSheetRow,
} from '@/core/households'
import type { RoleAssignment } from '@/core/roles'

const GRID = '/500116/500116115/500116115200/500116115200-01/'
const OTHER_GRID = '/500116/500116115/500116115200/500116115200-02/'
const worker: RoleAssignment[] = [{ role: 'grid_worker', regionId: '500116115200-01', regionPath: GRID }]
const regions = new Map([
  ['500116115200-01', { level: 'grid', path: GRID }],
  ['500116115200-02', { level: 'grid', path: OTHER_GRID }],
  ['500116115200', { level: 'village', path: '/500116/500116115/500116115200/' }],
])

const aDraft = (overrides: Partial<HouseholdDraft> = {}): HouseholdDraft => ({
  regionId: '500116115200-01', address: '幸福路1号', headName: '张建华', phone: '13812345678', tags: ['独居老人'], memberCount: 2, ...overrides,
})
const aRow = (row: number, cells: Partial<Record<(typeof HOUSEHOLD_IMPORT_COLUMNS)[number], string>> = {}): HouseholdSheetRow => ({
  row,
  cells: { 网格编码: '500116115200-01', 地址: `幸福路${row}号`, 户主姓名: '张建华', 联系电话: '', 标签: '', 人数: '1', ...cells },
})

describe('phones', () => {
  it('when a mobile number is written with +86, blanks or hyphens, then it normalises to 11 digits', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678')
    expect(normalisePhone('0086 13812345678')).toBe('13812345678')
  })

  it.each([['13812345678', true], ['19912345678', true], ['12812345678', false], ['1381234567', false], ['023-45678901', false], ['138123456789', false]])(
    'when the phone is %s, then isChineseMobile is %s',
    (phone, expected) => {
      expect(isChineseMobile(phone)).toBe(expected)
    },
  )
})

describe('ID-card numbers', () => {
  it.each([['500116199001011234'], ['50011619900101123X'], ['幸福路 500116900101123']])('when the text holds %s, then it looks like an ID-card number', (text) => {
    expect(looksLikeIdCardNumber(text)).toBe(true)
  })

  it.each([['幸福路12号'], ['13812345678'], ['1234567890123456789']])('when the text is %s, then it does not look like one', (text) => {
    expect(looksLikeIdCardNumber(text)).toBe(false)
  })
})

describe('parseTags', () => {
  it('when tags are separated by 、 or commas, then each known tag is kept once and unknown words are named', () => {
    expect(parseTags('一老一小、独居老人,新市民，一老一小, 富人')).toEqual({ tags: ['一老一小', '独居老人', '新市民'], unknown: ['富人'] })
  })

  it('when the cell is empty, then there are no tags', () => {
    expect(parseTags('  ')).toEqual({ tags: [], unknown: [] })
  })
})

describe('checkHouseholdInput', () => {
  it('when the input is complete and sound, then there is no problem', () => {
    expect(checkHouseholdInput(aDraft())).toEqual([])
  })

  it('when every field is wrong, then each is named in Chinese', () => {
    const problems = checkHouseholdInput(aDraft({
      address: '', headName: '张3', phone: '12345', tags: ['富人'], memberCount: 31, geo: { lat: 91, lng: 0 },
    }))
    expect(problems).toEqual([
      { field: 'address', message: '缺少地址' },
      { field: 'headName', message: '户主姓名不能含有数字' },
      { field: 'phone', message: '联系电话应为 11 位手机号码' },
      { field: 'tags', message: expect.stringMatching(/^未知标签：富人/) },
      { field: 'memberCount', message: '人数应为 1–30 的整数' },
      { field: 'geo', message: '位置坐标无效' },
    ])
  })

  it('when an ID-card number is typed into the address, then it is refused', () => {
    expect(checkHouseholdInput(aDraft({ address: '身份证 500116199001011234' }))).toEqual([{ field: 'address', message: '地址中不能含有身份证号码' }])
  })

  it('when the phone is null or empty, then it is not a problem', () => {
    expect(checkHouseholdInput(aDraft({ phone: null }))).toEqual([])
    expect(checkHouseholdInput(aDraft({ phone: '' }))).toEqual([])
  })
})

describe('import header', () => {
  it('when columns are missing, then they are named with the whole expected header', () => {
    const missing = missingImportColumns(['地址', ' 网格编码 ', '人数'])
    expect(missing).toEqual(['户主姓名', '联系电话', '标签'])
    expect(importHeaderMessage(missing)).toBe('表头缺少：户主姓名、联系电话、标签（应为 网格编码 | 地址 | 户主姓名 | 联系电话 | 标签 | 人数）')
  })

  it('when the columns are all there in another order, then nothing is missing', () => {
    expect(missingImportColumns([...HOUSEHOLD_IMPORT_COLUMNS].reverse())).toEqual([])
  })
})

describe('checkImportRows', () => {
  it('when the rows are sound, then they are accepted with normalised phone, parsed tags and a default member count', () => {
    const { accepted, errors } = checkImportRows([aRow(2, { 联系电话: '138 1234 5678', 标签: '独居老人、一老一小', 人数: '' })], regions, new Set(), worker)
    expect(errors).toEqual([])
    expect(accepted).toEqual([{
      row: 2, regionId: '500116115200-01', regionPath: GRID, address: '幸福路2号', headName: '张建华', phone: '13812345678', tags: ['独居老人', '一老一小'], memberCount: 1,
    }])
  })

  it('when a grid is unknown, not a grid, or outside the scope, then the row says which', () => {
    const { errors } = checkImportRows([
      aRow(2, { 网格编码: 'NOPE' }), aRow(3, { 网格编码: '500116115200' }), aRow(4, { 网格编码: '500116115200-02' }), aRow(5, { 网格编码: '' }),
    ], regions, new Set(), worker)
    expect(errors.map((e) => e.message)).toEqual([
      '第 2 行：网格编码 NOPE 不存在', '第 3 行：500116115200 不是网格编码', '第 4 行：网格 500116115200-02 不在您的辖区内', '第 5 行：缺少网格编码',
    ])
  })

  it('when a row has several problems, then they are all named in one message', () => {
    const { errors } = checkImportRows([aRow(7, { 地址: '', 联系电话: '110', 人数: '2.5' })], regions, new Set(), worker)
    expect(errors).toEqual([{ row: 7, message: '第 7 行：缺少地址；联系电话 110 不是 11 位手机号码；人数应为 1–30 的整数' }])
  })

  it('when an address repeats in the same grid, blanks aside, then the later row names the earlier one', () => {
    const { accepted, errors } = checkImportRows([aRow(2, { 地址: '幸福路 1 号' }), aRow(3, { 地址: '幸福路1号' })], regions, new Set(), worker)
    expect(accepted.map((r) => r.row)).toEqual([2])
    expect(errors).toEqual([{ row: 3, message: '第 3 行：同一网格内地址重复（与第 2 行相同）' }])
  })

  it('when the address is already a household of the grid, then the row is refused', () => {
    const existing = new Set([householdAddressKey('500116115200-01', '幸福路2号')])
    const { errors } = checkImportRows([aRow(2)], regions, existing, worker)
    expect(errors).toEqual([{ row: 2, message: '第 2 行：该网格已有此地址的住户' }])
  })

  it('when the same address is in two different grids, then both rows are accepted', () => {
    const cadre: RoleAssignment[] = [{ role: 'cadre', regionId: '500116115200', regionPath: '/500116/500116115/500116115200/' }]
    const { accepted } = checkImportRows([aRow(2, { 地址: '村口1号' }), aRow(3, { 地址: '村口1号', 网格编码: '500116115200-02' })], regions, new Set(), cadre)
    expect(accepted).toHaveLength(2)
  })
})

describe('previewOf', () => {
  it('when rows are previewed, then at most 20 come back with name and phone masked', () => {
    const rows = checkImportRows(Array.from({ length: 25 }, (_, i) => aRow(i + 2, { 联系电话: '13812345678' })), regions, new Set(), worker).accepted
    const preview = previewOf(rows)
    expect(preview).toHaveLength(20)
    expect(preview[0]).toEqual({ row: 2, regionId: '500116115200-01', address: '幸福路2号', headName: '张*华', phoneMasked: '138****5678', tags: [], memberCount: 1 })
  })
})
