// Flows for phones that lose the network (issue 16): the Workbox service worker built by scripts/build-sw.js keeps the
// app and the public reading; the visit queue keeps a worker's records. Helpers come from flows.js.
const TIMEOUT = 20_000

/** The service worker has installed (its precache is complete) and controls this page. */
async function offlineReady(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: TIMEOUT })
}

/** Today in China, as the reports take it. */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

module.exports = ({ see, tap, visible, apiLogin, loginAsPersona, screenshotBothModes }) => [
  {
    title: 'when a resident has read a bulletin online and the network goes, then after a reload the bulletin and the list still show under 离线 · 上次更新, until the station retracts it',
    async run({ page, baseUrl, screenshot }) {
      const { items } = await (await fetch(`${baseUrl}/api/public/bulletins?page=1&pageSize=20`)).json()
      const [latest] = items
      await page.goto(`${baseUrl}/`)
      await tap(page, '看通报')
      await see(page, latest.title)
      await tap(page, latest.title)
      await see(page, '通报海报')
      // The first visit read the bulletin before the worker took over; it asks again through it (service-worker.ts).
      await offlineReady(page)
      await page.waitForFunction(async () => (await (await caches.open('xf-bulletins')).keys()).length > 0, null, { timeout: TIMEOUT })

      await page.context().setOffline(true)
      await page.reload()
      await see(page, latest.title)
      await see(page, '离线 · 上次更新 今天')
      await screenshotBothModes(page, screenshot, 'e2e-offline-bulletin', () => see(page, '离线 · 上次更新'))

      await page.goto(`${baseUrl}/#/pages/bulletins/index`)
      await see(page, '每日警情通报')
      for (const item of items.slice(0, 3)) await see(page, item.title)
      await see(page, '离线 · 上次更新 今天')
      await screenshotBothModes(page, screenshot, 'e2e-offline-bulletins', () => see(page, '离线 · 上次更新'))

      // The home and its tab bar still show, and a tab whose data was never fetched says why instead of going blank.
      await page.goto(`${baseUrl}/#/pages/home/index`)
      await see(page, '看通报')
      await see(page, '离线 · ')
      await tap(page, '学习')
      await see(page, '网络不可用，请检查网络后重试')
      await see(page, '离线 · ')
      await visible(page, '首页', true).waitFor({ state: 'visible', timeout: TIMEOUT })
      await screenshot('e2e-offline-learn-never-fetched')
      await page.context().setOffline(false)

      // The station retracts it: online the phone hears 已撤回 and drops its copy, so offline it is not shown any more.
      const police = await apiLogin(baseUrl, 'police')
      const retracted = await fetch(`${baseUrl}/api/bulletins/${latest.id}/retract`, {
        method: 'POST', headers: { authorization: `Bearer ${police.session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: '案情有误，更正后重发' }),
      })
      if (!retracted.ok) throw new Error(`retract: HTTP ${retracted.status}`)
      await page.goto(`${baseUrl}/#/pages/bulletin/index?id=${latest.id}`)
      await see(page, '该通报已撤回')
      await page.context().setOffline(true)
      await page.reload()
      await see(page, '加载失败')
      if (await visible(page, latest.title, true).isVisible().catch(() => false)) throw new Error('the retracted bulletin is still readable offline')
      await page.context().setOffline(false)
    },
  },
  {
    title: 'when the demo grid worker goes offline before ever opening a visit form, then two visits from today\'s suggestions survive a reload and go up once when the network is back',
    async run({ page, baseUrl, screenshot }) {
      const police = await apiLogin(baseUrl, 'police')
      const worker = await apiLogin(baseUrl, 'grid_worker')
      const gridId = worker.session.user.roles.find((r) => r.role === 'grid_worker').regionId
      const report = async () => (await police.get(`/api/reports?regionId=${gridId}&period=day&date=${chinaToday()}`)).current.doorToDoor.visits
      const visitsBefore = await report()

      await loginAsPersona(page, baseUrl, '网格员')
      if (!page.url().includes('packages/worker')) await tap(page, '网格员工作台')
      await see(page, '今日巡访建议')
      const { items } = await worker.get(`/api/patrol/today?gridId=${gridId}`)
      if (items.length < 2) throw new Error(`the demo grid has ${items.length} suggestions today`)
      const doors = items.slice(0, 2).map((s, i) => `${i + 1}. ${s.household.code} · ${s.household.address}`)
      await see(page, doors[0])
      await offlineReady(page)
      const formsOpened = await page.evaluate(() => location.hash.includes('/visit/'))
      if (formsOpened) throw new Error('the visit form was opened before going offline')

      await page.context().setOffline(true)
      for (const door of doors) {
        await tap(page, door)
        await see(page, '走访内容（点一下勾选）')
        await tap(page, '来电预警已开启')
        await tap(page, '保存')
        await see(page, '联网后自动上传')
        await see(page, '今日巡访建议')
      }
      await see(page, '待上传 2 条 · 联网后自动上传')
      await screenshot('e2e-offline-worker-pending')

      // The app starts again without network: the workbench opens as the worker last confirmed here, with the queue.
      await page.reload()
      await see(page, '网格员工作台')
      await see(page, '待上传 2 条 · 联网后自动上传')
      await see(page, '暂时连不上网络 · 显示 今天')
      await see(page, doors[0])
      await screenshotBothModes(page, screenshot, 'e2e-offline-worker-reloaded', () => see(page, '待上传 2 条'))

      await page.context().setOffline(false)
      await see(page, '✓ 全部已上传')
      await screenshot('e2e-offline-worker-uploaded')
      const visitsAfter = await report()
      if (visitsAfter !== visitsBefore + 2) throw new Error(`visits today went from ${visitsBefore} to ${visitsAfter}, expected exactly 2 more`)
      if (await visible(page, '上传失败', false).isVisible().catch(() => false)) throw new Error('上传失败 shown after a plain network loss')
    },
  },
]
