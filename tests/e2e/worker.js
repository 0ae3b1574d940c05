// Flows for the grid worker and the station's staff (issue 17, point 5 and the station bullet): 我的网格 progress,
// pledges from the household list signed by 户主本人, the door page's way back, a dispatched warning first in the list.
// Helpers come from flows.js.
const TIMEOUT = 20_000

module.exports = ({ see, tap, visible, apiLogin, loginAsPersona, screenshotBothModes, drawStroke, demoGridLabels, labelToken }) => {
  /** The demo grid worker on the workbench. */
  async function openWorkbench(page, baseUrl) {
    await loginAsPersona(page, baseUrl, '网格员')
    if (!page.url().includes('packages/worker')) await tap(page, '网格员工作台')
    await see(page, '我的网格')
  }

  /** Every bar of the grid as the API counted it, as the page must say it to a screen reader and in words. */
  const barLabels = (g) => {
    const pct = (part, whole) => (whole > 0 ? Math.floor((part * 100) / whole) : 0)
    return [
      `本季度已走访 ${g.visited}/${g.households} 户，${pct(g.visited, g.households)}%`,
      `本季度已签承诺书 ${g.pledged}/${g.households} 户，${pct(g.pledged, g.households)}%`,
      `一老一小已走访 ${g.vulnerableVisited}/${g.vulnerable} 户，${pct(g.vulnerableVisited, g.vulnerable)}%`,
    ]
  }
  const labelled = (page, label) => page.getByLabel(label, { exact: true }).filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })

  /** Fills and sends the 新增预警 form on the admin warnings page. */
  async function dispatchWarning(page, name, phone) {
    await tap(page, '新增预警')
    await tap(page, '选择区域')
    await tap(page, '柏林镇')
    await see(page, '✓ 柏林镇')
    const field = (placeholder) => page.locator(`input[placeholder="${placeholder}"]`).filter({ visible: true }).first()
    await field('如：刘某某').fill(name)
    await field('11 位手机号码').fill(phone)
    await field('如：东胜村1组3号').fill('东胜村2组8号')
    await tap(page, '保存并派发')
    await see(page, '✓ 已派发给 ')
  }

  /** The first warning card of the list is the one named. */
  async function firstCardIs(page, name) {
    const first = page.locator('.warning-card .card-title').filter({ visible: true }).first()
    await first.waitFor({ timeout: TIMEOUT })
    const title = await first.textContent()
    if (!title.startsWith(`${name} · `)) throw new Error(`first warning is "${title}", not the one just dispatched (${name})`)
  }

  return [
    {
      title: 'when the grid worker opens the workbench, then 我的网格 shows this quarter\'s numbers exactly as the API counts them, with the village in the grid\'s name',
      async run({ page, baseUrl, screenshot }) {
        const worker = await apiLogin(baseUrl, 'grid_worker')
        const { quarter, grids } = await worker.get('/api/coverage/my-grids')
        if (grids.length === 0) throw new Error('the demo grid worker has no grid')
        await openWorkbench(page, baseUrl)
        await see(page, quarter.label)
        for (const g of grids) {
          if (!/村|社区/.test(g.gridName)) throw new Error(`grid named without its village: ${g.gridName}`)
          await see(page, g.gridName)
          for (const label of barLabels(g)) await labelled(page, label)
        }
        await page.getByText(grids[0].gridName).filter({ visible: true }).first().scrollIntoViewIfNeeded()
        await screenshotBothModes(page, screenshot, 'e2e-worker-progress', () => labelled(page, barLabels(grids[0])[0]))
      },
    },
    {
      title: 'when the grid worker signs a pledge from the household list as 户主本人, then the stored signer is the household head and the bars move',
      async run({ page, baseUrl, screenshot }) {
        const worker = await apiLogin(baseUrl, 'grid_worker')
        const gridId = worker.session.user.roles.find((r) => r.role === 'grid_worker').regionId
        // The first page the workbench lists, and among it a household that has not signed yet.
        const listed = (await worker.get(`/api/households?regionId=${gridId}&page=1&pageSize=20`)).items
        const unsigned = new Set((await worker.get(`/api/households?regionId=${gridId}&pledged=no&page=1&pageSize=100`)).items.map((h) => h.id))
        const household = listed.find((h) => unsigned.has(h.id))
        if (!household) throw new Error('no unsigned household on the first page of the demo grid')
        const before = (await worker.get('/api/coverage/my-grids')).grids.find((g) => g.gridId === gridId)

        await openWorkbench(page, baseUrl)
        const entry = page.getByLabel(`为 ${household.code} 签承诺书`, { exact: true }).filter({ visible: true }).first()
        await entry.scrollIntoViewIfNeeded()
        await screenshotBothModes(page, screenshot, 'e2e-worker-list-pledge-entry', () => entry.scrollIntoViewIfNeeded())
        await entry.click({ timeout: TIMEOUT })
        await visible(page, '确认签署', true).waitFor({ timeout: TIMEOUT })
        await see(page, '✓ 户主本人')
        await see(page, `由户主 ${household.headName} 本人签署，姓名按住户登记自动填写`)
        if (await page.locator('input[placeholder="请填写签署人姓名"]').filter({ visible: true }).count()) throw new Error('the name is asked for although 户主本人 is chosen')
        const signerChoice = () => page.getByText('由户主 ').filter({ visible: true }).first().scrollIntoViewIfNeeded()
        await signerChoice()
        await screenshotBothModes(page, screenshot, 'e2e-worker-pledge-head', signerChoice)

        const pad = page.getByLabel('签名板').filter({ visible: true }).first()
        await pad.scrollIntoViewIfNeeded()
        const box = await pad.boundingBox()
        await drawStroke(page, box, { x: 20, y: 30 }, 20, { x: 12, y: (i) => (i % 5) * 10 })
        await drawStroke(page, box, { x: 40, y: 120 }, 10, { x: 20, y: (i) => -i * 5 })
        await see(page, '已签 2 笔')
        await tap(page, '确认签署')
        await see(page, '已保存')
        await see(page, '我的网格')
        await see(page, '全部已上传')

        const [pledge] = (await worker.get(`/api/pledges?householdId=${household.id}`)).items
        if (!pledge) throw new Error('no pledge stored for the household')
        // Both are the server's masking of the stored names: equal masks of one name, and 本人 as the relation.
        if (pledge.signerName !== household.headName || pledge.signerRelation !== '本人') {
          throw new Error(`stored signer ${pledge.signerName}（${pledge.signerRelation}）, household head ${household.headName}`)
        }
        const after = (await worker.get('/api/coverage/my-grids')).grids.find((g) => g.gridId === gridId)
        if (after.pledged !== before.pledged + 1) throw new Error(`本季度已签承诺书 went from ${before.pledged} to ${after.pledged}`)
        await page.reload()
        await labelled(page, barLabels(after)[1])
        await screenshot('e2e-worker-progress-after-pledge')
      },
    },
    {
      title: 'when the grid worker opens a door label, then 返回工作台 on the door page leads back to the workbench',
      async run({ page, baseUrl, screenshot }) {
        const { labels } = await demoGridLabels(baseUrl)
        const token = labelToken(labels[1])

        await openWorkbench(page, baseUrl)
        await page.goto(`${baseUrl}/h/${token}`)
        await see(page, labels[1].householdCode)
        await see(page, '‹ 返回工作台')
        await screenshotBothModes(page, screenshot, 'e2e-worker-door-back', () => see(page, '‹ 返回工作台'))
        await tap(page, '‹ 返回工作台')
        await see(page, '网格员工作台')
        await see(page, '我的网格')
        if (!page.url().includes('packages/worker/pages/home')) throw new Error(`返回工作台 led to ${page.url()}`)
      },
    },
    {
      title: 'when the police dispatch a warning, then 已派发给 names the dissuader and the new warning is first in the list',
      async run({ page, baseUrl, screenshot }) {
        await loginAsPersona(page, baseUrl, '派出所民警')
        await see(page, '李警官')
        await page.goto(`${baseUrl}/#/packages/admin/pages/warnings/index`)
        await see(page, '预警列表')
        await dispatchWarning(page, '孙秀珍', '13700001111')
        await see(page, '这条预警排在下方预警列表的第一条')
        await firstCardIs(page, '孙秀珍')
        await see(page, '刚刚派发 · 已派发给 ')
        await screenshot('e2e-warning-dispatch-confirmed')
        await page.getByText('刚刚派发 · ').filter({ visible: true }).first().scrollIntoViewIfNeeded()
        // The pin lasts until the page is left: in 关怀模式 (after a reload) another dispatch shows it again.
        await screenshotBothModes(page, screenshot, 'e2e-warning-dispatched-first', async () => {
          await see(page, '预警列表')
          await dispatchWarning(page, '钱玉兰', '13700002222')
          await firstCardIs(page, '钱玉兰')
          await page.getByText('刚刚派发 · ').filter({ visible: true }).first().scrollIntoViewIfNeeded()
        })
      },
    },
    {
      title: 'when station staff use 转发情况, 打印门牌, 统计通报 and the imports on a phone, then the chips are finger-sized, the label sheet fits and 导出Excel confirms',
      async run({ page, baseUrl, screenshot }) {
        const { items } = await (await fetch(`${baseUrl}/api/public/bulletins?page=1&pageSize=1`)).json()
        await loginAsPersona(page, baseUrl, '派出所民警')
        await see(page, '李警官')

        await page.goto(`${baseUrl}/#/packages/admin/pages/bulletin-reach/index?id=${items[0].id}`)
        await see(page, '24 小时内')
        for (const h of [6, 24, 48]) {
          const chip = page.getByRole('group', { name: '统计时段' }).filter({ visible: true }).first().getByText(`${h} 小时内`).first()
          const { height } = await chip.locator('xpath=ancestor-or-self::*[contains(@class,"filter-chip")][1]').boundingBox()
          if (height < 44) throw new Error(`${h} 小时内 chip is ${height} px tall`)
        }
        await screenshotBothModes(page, screenshot, 'e2e-station-reach-chips', () => see(page, '24 小时内'))

        const worker = await apiLogin(baseUrl, 'grid_worker')
        const grid = worker.session.user.roles.find((r) => r.role === 'grid_worker')
        await page.goto(`${baseUrl}/#/packages/admin/pages/labels/index`)
        await see(page, '选择网格')
        await see(page, '柏林镇')
        // The tree may open its first levels by itself: a tap on an open level would close it again.
        const open = async (name, child) => {
          if (!(await visible(page, child, true).isVisible().catch(() => false))) await tap(page, name)
        }
        await open('柏林镇', '东胜村')
        await open('东胜村', '第1网格')
        await tap(page, '第1网格')
        await see(page, `当前：${grid.regionName}`)
        await tap(page, '生成门牌')
        await see(page, '页 A4')
        const sheet = page.locator('.label-sheet').first()
        await sheet.scrollIntoViewIfNeeded()
        const box = await sheet.boundingBox()
        if (box.x < 0 || box.x + box.width > 375) throw new Error(`label sheet spans ${box.x}..${box.x + box.width} px on a 375 px phone`)
        await screenshot('e2e-station-labels-preview')

        await page.goto(`${baseUrl}/#/packages/admin/pages/reports/index`)
        await see(page, '环比对比') // 导出Excel is enabled once the report has come
        await tap(page, '导出Excel')
        await see(page, '✓ 导出成功：')
        await screenshot('e2e-station-export-confirmed')

        await page.goto(`${baseUrl}/#/packages/admin/pages/households/index`)
        await see(page, '选择文件')
        await see(page, '未选择文件')
        const pick = visible(page, '选择文件', true)
        await pick.scrollIntoViewIfNeeded()
        const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: TIMEOUT }), pick.click({ timeout: TIMEOUT })])
        await chooser.setFiles({ name: '住户.csv', mimeType: 'text/csv', buffer: Buffer.from('门牌编号,地址\n') })
        await see(page, '已选择：住户.csv')
        // A screen reader names the input by its label's words.
        await page.getByLabel('选择住户导入文件').first().waitFor({ state: 'attached', timeout: TIMEOUT })
        const toPicker = () => visible(page, '选择文件', true).scrollIntoViewIfNeeded()
        await toPicker()
        await screenshotBothModes(page, screenshot, 'e2e-station-import-button', toPicker)
      },
    },
  ]
}
