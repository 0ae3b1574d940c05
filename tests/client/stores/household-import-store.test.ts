import type { HouseholdImportResult } from '@/contract/households'
import { ApiClient, ApiError } from '@/services/api-client'
import { HouseholdImportStore } from '@/stores/household-import-store'
import { FakeApi } from '../support/fake-api'
import { MemoryTokens } from '../support/root'

const aResult = (overrides: Partial<HouseholdImportResult> = {}): HouseholdImportResult => ({
  dryRun: true, rows: 2, created: 2, errors: [],
  preview: [
    { row: 2, regionId: 'g1', address: '东胜村1组3号', headName: '张*华', phoneMasked: '138****1234', tags: [], memberCount: 3 },
    { row: 3, regionId: 'g1', address: '东胜村1组4号', headName: '李*', phoneMasked: null, tags: ['独居老人'], memberCount: 1 },
  ],
  ...overrides,
})
const aFile = () => new Blob(['网格编码,地址,户主姓名,联系电话,标签,人数'])

interface ImportCall { name: string; dryRun: boolean }

function fakeImport(api: FakeApi, answer: (dryRun: boolean) => HouseholdImportResult) {
  const calls: ImportCall[] = []
  api.importHouseholds = (_file, name, dryRun) => {
    calls.push({ name, dryRun })
    return Promise.resolve(answer(dryRun))
  }
  return calls
}

describe('HouseholdImportStore', () => {
  it('when the dry run finds bad rows, then each is listed with its row number and confirming does nothing', async () => {
    const api = new FakeApi()
    const errors = [{ row: 4, message: '第 4 行：联系电话 12345 不是 11 位手机号码' }, { row: 7, message: '第 7 行：缺少地址' }]
    const calls = fakeImport(api, () => aResult({ created: 1, errors }))
    const store = new HouseholdImportStore(api)

    await store.choose(aFile(), '住户.xlsx')
    await store.confirm()

    expect(store.preview?.errors).toEqual(errors)
    expect(store.canConfirm).toBe(false)
    expect(calls).toEqual([{ name: '住户.xlsx', dryRun: true }])
  })

  it('when the dry run is clean, then confirming imports the same file for real and clears the preview', async () => {
    const api = new FakeApi()
    const calls = fakeImport(api, (dryRun) => aResult({ dryRun }))
    const store = new HouseholdImportStore(api)

    await store.choose(aFile(), '住户.csv')
    expect(store.canConfirm).toBe(true)
    expect(store.preview?.preview.map((r) => r.row)).toEqual([2, 3])
    await store.confirm()

    expect(calls).toEqual([{ name: '住户.csv', dryRun: true }, { name: '住户.csv', dryRun: false }])
    expect(store.result?.created).toBe(2)
    expect(store.preview).toBeNull()
    expect(store.canConfirm).toBe(false)
  })

  it('when the real import is refused for rows, then they are listed again and nothing counts as imported', async () => {
    const api = new FakeApi()
    const late = [{ row: 3, message: '第 3 行：该网格已有此地址的住户' }]
    fakeImport(api, (dryRun) => (dryRun ? aResult() : aResult({ dryRun: false, created: 0, errors: late })))
    const store = new HouseholdImportStore(api)
    await store.choose(aFile(), '住户.xlsx')

    await store.confirm()

    expect(store.result).toBeNull()
    expect(store.preview?.errors).toEqual(late)
  })

  it('when a large file uploads, then progress reads 正在上传 with a percentage, then 正在校验 while the server checks', async () => {
    const api = new FakeApi()
    let report: (fraction: number) => void = () => undefined
    let finish: (result: HouseholdImportResult) => void = () => undefined
    api.importHouseholds = (_file, _name, _dryRun, onUpload) => {
      report = onUpload ?? report
      return new Promise((resolve) => { finish = resolve })
    }
    const store = new HouseholdImportStore(api)

    const running = store.choose(aFile(), '大表.xlsx')
    expect(store.progressText).toBe('正在上传…')
    report(0.42)
    expect(store.progressText).toBe('正在上传 42%')
    expect(store.busy).toBe(true)
    report(1)
    expect(store.progressText).toBe('正在校验…')
    finish(aResult())
    await running

    expect(store.progressText).toBeNull()
    expect(store.busy).toBe(false)
  })

  it('when the confirmed import is uploading, then the server phase reads 正在导入', async () => {
    const api = new FakeApi()
    let report: (fraction: number) => void = () => undefined
    api.importHouseholds = (_file, _name, dryRun, onUpload) => {
      if (dryRun) return Promise.resolve(aResult())
      report = onUpload ?? report
      return new Promise(() => undefined)
    }
    const store = new HouseholdImportStore(api)
    await store.choose(aFile(), '住户.xlsx')

    void store.confirm()
    report(1)

    expect(store.progressText).toBe('正在导入…')
  })

  it('when the file cannot be read, then the Chinese message is shown and no preview is left', async () => {
    const api = new FakeApi()
    api.importHouseholds = () => Promise.reject(new ApiError('IMPORT_FILE_UNREADABLE', '无法读取导入文件，请上传 .xlsx 格式的表格', 400))
    const store = new HouseholdImportStore(api)

    await store.choose(aFile(), '照片.jpg')

    expect(store.phase).toBe('error')
    expect(store.error).toBe('无法读取导入文件，请上传 .xlsx 格式的表格')
    expect(store.preview).toBeNull()
  })
})

/** Just enough of XMLHttpRequest to answer one upload with a status and a JSON body. */
function fakeXhr(status: number, body: unknown, sent: { url: string; headers: Record<string, string> }[]) {
  return class {
    status = 0
    responseText = ''
    upload: {
      onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null
      onload: (() => void) | null
    } = { onprogress: null, onload: null }
    onload: (() => void) | null = null
    onerror: (() => void) | null = null
    private url = ''
    private headers: Record<string, string> = {}
    open(_method: string, url: string) { this.url = url }
    setRequestHeader(name: string, value: string) { this.headers[name] = value }
    send() {
      sent.push({ url: this.url, headers: this.headers })
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 })
      this.upload.onload?.()
      this.status = status
      this.responseText = JSON.stringify(body)
      this.onload?.()
    }
  }
}

describe('ApiClient household import', () => {
  const original = globalThis.XMLHttpRequest
  afterEach(() => { globalThis.XMLHttpRequest = original })

  it('when a real import is refused with row errors, then they come back as a result and the token was sent', async () => {
    const sent: { url: string; headers: Record<string, string> }[] = []
    const errors = [{ row: 5, message: '第 5 行：缺少地址' }]
    globalThis.XMLHttpRequest = fakeXhr(422, { code: 'IMPORT_INVALID', message: '导入文件有错误，未导入任何数据', details: errors }, sent) as unknown as typeof XMLHttpRequest
    const progress: number[] = []

    const result = await new ApiClient(new MemoryTokens('abc'), '', () => Promise.reject(new Error('unused')))
      .importHouseholds(aFile(), '住户.csv', false, (f) => progress.push(f))

    expect(result).toMatchObject({ dryRun: false, created: 0, errors })
    expect(sent).toEqual([{ url: '/api/households/import?dryRun=false', headers: { Authorization: 'Bearer abc' } }])
    expect(progress).toEqual([0.5, 1])
  })

  it('when the upload is refused for another reason, then it rejects with the server message', async () => {
    globalThis.XMLHttpRequest = fakeXhr(413, { code: 'BODY_TOO_LARGE', message: '提交的内容过大' }, []) as unknown as typeof XMLHttpRequest

    const upload = new ApiClient(new MemoryTokens(), '', () => Promise.reject(new Error('unused'))).importHouseholds(aFile(), '大表.xlsx', true)

    await expect(upload).rejects.toEqual(new ApiError('BODY_TOO_LARGE', '提交的内容过大', 413))
  })
})
