// Issue 14, point 5: the remaining paths that exist only in WeChat — subscribe messages accepted and refused,
// 一键拨打 dialling only after the audited reveal, 记录位置 refused, activity photos through chooseMedia and
// compressImage, and a report exported through downloadFile + openDocument — on the built pages against the real
// server. The simulator has no image codec: compressImage
// hands back the same bytes, so the size and quality of real compression are checked on a device.
const { randomBytes } = require('node:crypto')
const { MiniProgram, api, demoToken, signedInStorage, waitFor } = require('./harness/launch')
const { settle } = require('./harness/page-matrix')
const { seededIds } = require('./harness/fixtures')

let mp
afterEach(() => mp?.shutdown())

async function open(personaId, path, query = {}) {
  mp = new MiniProgram({ storage: await signedInStorage(personaId) })
  await mp.launch({ path, query })
  await settle(mp)
  return mp
}

describe('订阅消息', () => {
  test('when the dissuader allows the overdue reminder, then the page says how many reminders the server may now send', async () => {
    await open('dissuader', 'packages/worker/pages/warnings/index')
    mp.fakes.subscribeAnswer = 'accept'
    await mp.page.tap('开启超时提醒')
    await mp.page.waitForText('已开启，可再收到')
    expect(mp.callsOf('requestSubscribeMessage')).toEqual([{ tmplIds: ['demo-warning-overdue-template'] }])
    const first = Number(/可再收到 (\d+) 次/.exec(mp.page.text())[1])
    await mp.page.tap('开启超时提醒')
    await mp.page.waitForText(`可再收到 ${first + 1} 次`)
  })

  test('when the dissuader refuses the overdue reminder, then the page says it is off and can be turned on later', async () => {
    await open('dissuader', 'packages/worker/pages/warnings/index')
    mp.fakes.subscribeAnswer = 'reject'
    await mp.page.tap('开启超时提醒')
    await mp.page.waitForText('未开启预警超时提醒，可随时再点按钮开启')
  })
})

describe('一键拨打', () => {
  test('when the assignee taps 一键拨打, then the dialer gets the full number only after the server revealed it', async () => {
    const { warningId } = await seededIds()
    await open('dissuader', 'packages/worker/pages/warning/index', { id: warningId })
    await mp.page.waitForText('一键拨打')
    expect(mp.callsOf('makePhoneCall')).toEqual([])
    const masked = /1\d{2}\*{4}\d{4}/.exec(mp.page.text())?.[0]
    expect(masked).toBeDefined()

    await mp.page.tap('一键拨打')
    await settle(mp)
    const dialled = mp.callsOf('makePhoneCall')
    expect(dialled).toHaveLength(1)
    expect(dialled[0].phoneNumber).toMatch(new RegExp(`^${masked.slice(0, 3)}\\d{4}${masked.slice(-4)}$`))
    const order = mp.calls.map((c) => (c.name === 'makePhoneCall' ? 'dial' : c.name === 'request' && c.arg.url.endsWith(`/api/warnings/${warningId}/reveal-phone`) ? 'reveal' : null)).filter(Boolean)
    expect(order).toEqual(['reveal', 'dial'])
    expect(mp.page.text()).not.toContain(dialled[0].phoneNumber)
  })
})

describe('记录位置', () => {
  test('when WeChat asks for the privacy agreement before locating, then the form shows it and 同意 lets the position be recorded', async () => {
    const { gridHouseholds } = await seededIds()
    await open('grid_worker', 'packages/worker/pages/home/index')
    await mp.navigate('navigateTo', { url: `/packages/worker/pages/visit/index?householdId=${gridHouseholds[8].id}` })
    await mp.page.waitForText('记录位置')
    mp.fakes.privacyConsentNeeded = true
    await mp.page.tap('记录位置')
    await mp.page.waitForText('隐私保护提示')
    // 同意 is an open-type button: WeChat reports the agreement as its own event, not as a tap.
    mp.fire(mp.page.find('同意').closest('wx-button'), 'agreeprivacyauthorization', {})
    await mp.page.waitForText('✓ 已记录位置')
    expect(mp.page.text()).not.toContain('隐私保护提示')
  })

  test('when the worker refuses location, then the visit form says so and still saves the visit without a position', async () => {
    const { gridHouseholds } = await seededIds()
    const household = gridHouseholds[7]
    const worker = await demoToken('grid_worker')
    await open('grid_worker', 'packages/worker/pages/home/index')
    await mp.navigate('navigateTo', { url: `/packages/worker/pages/visit/index?householdId=${household.id}` })
    await mp.page.waitForText('记录位置')
    mp.fakes.location = 'denied'
    await mp.page.tap('记录位置')
    await mp.page.waitForText('未能定位（未授权或信号弱），不影响保存')
    await mp.page.tap('宣讲到位')
    await settle(mp)
    await mp.page.tap('保存')
    await mp.waitForRoute('packages/worker/pages/home/index')
    await settle(mp)
    expect(mp.toasts).toContain('已保存')
    expect((await api(worker, 'GET', `/api/households/${household.id}`)).lastVisitAt).not.toBeNull()
  })
})

describe('活动照片', () => {
  test('when an admin adds a photo to an activity, then WeChat picks and compresses it and the server keeps it with its thumbnail', async () => {
    const police = await demoToken('police')
    const activity = await api(police, 'POST', '/api/activities', {
      regionId: '500116115200', kind: 'courtyard_meeting', title: '东胜村防诈骗院坝会', place: '东胜村村委会院坝',
      heldAt: '2026-12-01T02:00:00.000Z', organiser: '柏林派出所', attendance: 60, targetGroups: ['老年人'], materials: 120, summary: '讲了冒充公检法和刷单返利',
    })
    await open('police', 'packages/admin/pages/activity-edit/index', { id: activity.id })
    await mp.page.waitForText('活动照片（0/')
    // A JPEG as the server recognises one (its magic bytes); the simulator has no decoder to need more.
    mp.fakes.media.push({ bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(4096)]), width: 4000, height: 3000 })
    await mp.page.tap('添加照片')
    await mp.page.waitForText('活动照片（1/')

    expect(mp.callsOf('chooseMedia')[0]).toMatchObject({ mediaType: ['image'], sizeType: ['compressed'] })
    expect(mp.callsOf('compressImage').map((c) => c.compressedWidth)).toEqual([1280, 240])
    expect(mp.callsOf('uploadFile')[0]).toMatchObject({ name: 'photo' })
    const stored = await api(police, 'GET', `/api/activities/${activity.id}`)
    expect(stored.photos).toHaveLength(1)
    expect(stored.photos[0]).toMatchObject({ url: expect.any(String), thumbnailUrl: expect.any(String) })
  })
})

describe('统计通报', () => {
  test('when an admin exports the report, then WeChat downloads the workbook from the server and opens it', async () => {
    await open('police', 'packages/admin/pages/reports/index')
    await waitFor(() => mp.page.find('导出Excel') && !mp.page.text().includes('正在加载'), 'the report')
    await mp.page.tap('导出Excel')
    const [opened] = await waitFor(() => mp.callsOf('openDocument').length && mp.callsOf('openDocument'), 'openDocument')
    expect(opened).toMatchObject({ fileType: 'xlsx', showMenu: true })
    expect(mp.callsOf('downloadFile')[0].url).toContain('/api/reports/export.xlsx')
    // An XLSX is a zip: the downloaded file is the server's workbook, not an error page.
    expect(mp.files.get(opened.filePath).subarray(0, 2).toString()).toBe('PK')
  })
})
