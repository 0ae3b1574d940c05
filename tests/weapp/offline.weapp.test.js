// Issue 14, points 5 (offline) and 6 (weak networks): a visit recorded without network stays on the phone, is shown
// as 待上传, survives the app being killed and goes up when WeChat reports the network back; the worker's forms open
// without network once the worker home has been shown.
const { MiniProgram, api, demoToken, signedInStorage, waitFor } = require('./harness/launch')
const { appJson } = require('./harness/mini-program')
const { settle } = require('./harness/page-matrix')
const { seededIds } = require('./harness/fixtures')

const WORKER_HOME = 'packages/worker/pages/home/index'

let mp
afterEach(() => mp?.shutdown())

async function launchWorker(storage, { online = true } = {}) {
  mp = new MiniProgram({ storage })
  mp.network.online = online
  await mp.launch({ path: WORKER_HOME })
  await settle(mp)
  return mp
}

/** The households the app keeps queued records for, read from the phone's storage as WeChat would hand it back. */
const storedText = (storage) => JSON.stringify([...storage.values()])

test('when a visit is saved without network, then it waits as 待上传 across an app restart and goes up when the network returns', async () => {
  const { gridHouseholds } = await seededIds()
  const household = gridHouseholds[5]
  const worker = await demoToken('grid_worker')
  const storage = await signedInStorage('grid_worker')

  await launchWorker(storage)
  await mp.page.waitForText(household.code)
  await mp.navigate('navigateTo', { url: `/packages/worker/pages/visit/index?householdId=${household.id}` })
  await mp.page.waitForText('宣讲到位')
  mp.setOnline(false)
  // One tap per render, as a finger is slower than React.
  for (const label of ['宣讲到位', '来电预警已开启', '保存']) {
    await mp.page.tap(label)
    await settle(mp)
  }
  await mp.waitForRoute(WORKER_HOME)
  await mp.page.waitForText('待上传 1 条')
  expect(mp.toasts).toContain('已保存，联网后自动上传')
  expect(storedText(storage)).toContain(household.id)

  // WeChat kills the app; it starts again on the same phone, still without network: the workbench opens as the worker
  // last confirmed here, with the record still waiting.
  mp.shutdown()
  await launchWorker(storage, { online: false })
  await mp.page.waitForText('待上传 1 条 · 联网后自动上传')
  expect(mp.page.text()).not.toContain('请先登录')
  expect(storedText(storage)).toContain(household.id)
  expect((await api(worker, 'GET', `/api/households/${household.id}`)).lastVisitAt).toBeNull()

  mp.setOnline(true)
  await mp.page.waitForText('全部已上传')
  const stored = await api(worker, 'GET', `/api/households/${household.id}`)
  expect(stored.lastVisitAt).not.toBeNull()
  expect(stored.callWarningOn).toBe(true)
  expect(storedText(storage)).not.toContain(household.id)
})

test('when the worker home has been shown and the network goes away, then the visit form and the pledge form still open', async () => {
  const { gridHouseholds } = await seededIds()
  const household = gridHouseholds[6]
  await launchWorker(await signedInStorage('grid_worker'))
  await mp.page.waitForText(household.code)
  mp.setOnline(false)

  await mp.navigate('navigateTo', { url: `/packages/worker/pages/visit/index?householdId=${household.id}` })
  await mp.page.waitForText(household.code)
  await mp.page.waitForText('宣讲到位')
  await mp.page.waitForText('保存')

  await mp.navigate('redirectTo', { url: `/packages/worker/pages/pledge/index?householdId=${household.id}` })
  await mp.page.waitForText(household.code)
  await waitFor(() => mp.page.text().includes('确认签署') && !mp.page.text().includes('加载失败'), 'the pledge form without a load failure')
})

// The simulator loads every package from disk, so it cannot show a subpackage download; what it can check is that the
// built app.json asks WeChat to fetch the worker subpackage where workers come from (我的, a scanned door label).
test('when a worker is on 我的 or on a door page, then WeChat is asked to fetch the worker subpackage on any network', () => {
  const app = appJson()
  const workerRoot = app.subPackages.find((p) => p.pages.includes('pages/visit/index')).root
  for (const page of ['pages/me/index', 'pages/door/index']) {
    expect(app.preloadRule[page]).toEqual({ network: 'all', packages: expect.arrayContaining([workerRoot]) })
  }
})
