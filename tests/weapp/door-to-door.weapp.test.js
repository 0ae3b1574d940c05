// Issue 14, point 5: the grid worker's weapp-only paths on the built pages — 扫码入户 with WeChat's scanner, and
// signing a pledge with a finger on the Canvas 2D signature pad — against the real server.
const { MiniProgram, api, demoToken, signedInStorage, waitFor } = require('./harness/launch')
const { settle } = require('./harness/page-matrix')
const { seededIds } = require('./harness/fixtures')

const WORKER_HOME = 'packages/worker/pages/home/index'
const DONGSHENG_VILLAGE = '500116115200'

let mp
afterEach(() => mp?.shutdown())

async function workerAt(path, query = {}) {
  mp = new MiniProgram({ storage: await signedInStorage('grid_worker') })
  await mp.launch({ path, query })
  await settle(mp)
  return mp
}

describe('扫码入户', () => {
  test('when the worker scans a door label, then the door page of that household opens', async () => {
    const ids = await seededIds()
    await workerAt(WORKER_HOME)
    mp.fakes.scanResults.push(ids.doorUrl)
    await mp.page.tap('扫码入户')
    await mp.waitForRoute('pages/door/index')
    await mp.page.waitForText(ids.doorHouseholdCode)
    await mp.page.waitForText('记录走访')
    expect(mp.callsOf('scanCode')[0]).toMatchObject({ onlyFromCamera: true })
  })

  test('when the worker scans a QR code that is not a door label, then the home says so and stays open', async () => {
    await workerAt(WORKER_HOME)
    mp.fakes.scanResults.push('https://qr.alipay.com/fkx12345')
    await mp.page.tap('扫码入户')
    await settle(mp)
    expect(mp.toasts).toContain('这不是门牌二维码，请对准门上的反诈门牌')
    expect(mp.page.route).toBe(WORKER_HOME)
  })
})

describe('门牌二维码 opened with WeChat\'s own scanner', () => {
  // A label scanned outside the app is a 普通链接二维码: WeChat starts the mini-program on the door page with the
  // label's URL, encoded, as `q` (scene 1011).
  test('when a worker scans the label with WeChat, then the door page shows that household', async () => {
    const ids = await seededIds()
    mp = new MiniProgram({ storage: await signedInStorage('grid_worker') })
    await mp.launch({ path: 'pages/door/index', query: { q: encodeURIComponent(ids.doorUrl), scancode_time: '1765000000' }, scene: 1011 })
    await mp.page.waitForText(ids.doorHouseholdCode)
    await mp.page.waitForText('记录走访')
  })

  test('when a resident scans the label with WeChat, then the door page gives the station\'s advice and no household data', async () => {
    const ids = await seededIds()
    mp = new MiniProgram({ storage: await signedInStorage('resident') })
    await mp.launch({ path: 'pages/door/index', query: { q: encodeURIComponent(ids.doorUrl) }, scene: 1011 })
    await mp.page.waitForText('派出所提醒您')
    expect(mp.page.route).toBe('pages/door/index')
    expect(mp.page.text()).toContain('反诈专线 96110')
    expect(mp.page.text()).not.toContain(ids.doorHouseholdCode)
  })
})

describe('签承诺书', () => {
  test('when a household member signs with a finger and taps 确认签署, then the server keeps the pledge with its strokes and the village chain verifies', async () => {
    const { householdId } = await seededIds()
    const police = await demoToken('police')
    const before = await api(police, 'GET', `/api/pledges?householdId=${householdId}`)
    await workerAt('packages/worker/pages/pledge/index', { householdId })
    await mp.page.waitForText('确认签署')
    await mp.page.waitForText('第 ')

    // 户主本人 is the default: no name is typed, the server takes the head's from the household record.
    await mp.page.waitForText('✓ 户主本人')
    expect(mp.page.text()).toContain('姓名按住户登记自动填写')
    // The pad measures itself through a selector query once laid out; a finger comes later than that on a phone.
    await waitFor(() => mp.canvas('#signature-pad')?.context.calls.length, 'the signature pad to take its canvas')
    const canvas = mp.page.byId('signature-pad')
    const finger = (x, y) => [{ x, y, clientX: x, clientY: y, identifier: 0 }]
    for (const [from, to] of [[[20, 40], [160, 60]], [[40, 120], [200, 100]]]) {
      mp.fire(canvas, 'touchstart', {}, { touches: finger(...from) })
      for (let i = 1; i <= 4; i++) {
        const x = from[0] + ((to[0] - from[0]) * i) / 4
        const y = from[1] + ((to[1] - from[1]) * i) / 4
        mp.fire(canvas, 'touchmove', {}, { touches: finger(x, y) })
      }
      mp.fire(canvas, 'touchend', {}, { touches: [], changedTouches: finger(...to) })
      await settle(mp) // a finger lifts and lands again slower than React renders
    }
    await mp.page.waitForText('已签 2 笔')
    expect(mp.canvas('#signature-pad').strokes().length).toBeGreaterThanOrEqual(2)

    await mp.page.tap('确认签署')
    await settle(mp)
    expect(mp.toasts).toContain('已保存')

    const after = await api(police, 'GET', `/api/pledges?householdId=${householdId}`)
    expect(after.items.length).toBe(before.items.length + 1)
    const signed = after.items.find((p) => !before.items.some((b) => b.id === p.id))
    const svg = await api(police, 'GET', `/api/pledges/${signed.id}/svg`)
    // The signature is drawn from the stored vectors: one move-to per stroke in the signature path.
    const signature = /<path class="signature" d="([^"]+)"/.exec(String(svg))?.[1] ?? ''
    expect(signature.match(/M/g)?.length).toBe(2)
    const chain = await api(police, 'GET', `/api/pledges/verify?villageId=${DONGSHENG_VILLAGE}`)
    expect(chain).toMatchObject({ ok: true, problems: [] })
    expect(chain.checked).toBeGreaterThanOrEqual(1)
  })
})
