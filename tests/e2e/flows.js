// The flows scripts/e2e.js drives in Chromium. Each reads as a user's steps; titles "when …, then …".
const TIMEOUT = 20_000

/**
 * Taro's H5 tab bar and NutUI buttons render as plain elements: find them by their visible text. Taro keeps
 * pages of the stack in the DOM, hidden, so only visible matches count. The H5 title bar repeats the page's title
 * (often the label of the button that opened it, or of the form's submit): steps look at the page, not at that bar.
 */
const OUTSIDE_TITLE_BAR = 'xpath=//*[not(ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " title-bar ")])]'
const visible = (page, text, exact) => page.getByText(text, { exact }).and(page.locator(OUTSIDE_TITLE_BAR)).filter({ visible: true }).first()
const tap = (page, text) => visible(page, text, true).click({ timeout: TIMEOUT })
const see = (page, text) => visible(page, text, false).waitFor({ state: 'visible', timeout: TIMEOUT })

/** The demo personas' API sessions, for setting up and checking what the UI should show. */
async function apiLogin(baseUrl, personaId) {
  const res = await fetch(`${baseUrl}/api/auth/demo-login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personaId }),
  })
  if (!res.ok) throw new Error(`demo login ${personaId}: HTTP ${res.status}`)
  const session = await res.json()
  return {
    session,
    get: async (path) => {
      const r = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${session.token}` } })
      if (!r.ok) throw new Error(`GET ${path}: HTTP ${r.status}`)
      return r.json()
    },
  }
}

/** The demo grid worker's grid and its door labels as the police print them, with both personas' API sessions. */
async function demoGridLabels(baseUrl) {
  const police = await apiLogin(baseUrl, 'police')
  const worker = await apiLogin(baseUrl, 'grid_worker')
  const gridId = worker.session.user.roles.find((r) => r.role === 'grid_worker').regionId
  const { labels } = await police.get(`/api/labels/sheet?gridId=${gridId}`)
  return { police, worker, gridId, labels }
}

/** What a door label's QR code opens: /h/<token>. */
const labelToken = (label) => label.url.split('/h/')[1]

/** Picks A for the question shown, confirms it and waits for its verdict. */
async function answerWithA(page) {
  await page.getByRole('button', { name: /^A\. / }).filter({ visible: true }).first().click({ timeout: TIMEOUT })
  await tap(page, '确定')
  await see(page, '解析：')
}

/** Draws one stroke on the signature pad with the mouse, as a person signing with a finger would. */
async function drawStroke(page, box, from, steps, step) {
  await page.mouse.move(box.x + from.x, box.y + from.y)
  await page.mouse.down()
  for (let i = 1; i <= steps; i++) await page.mouse.move(box.x + from.x + i * step.x, box.y + from.y + step.y(i))
  await page.mouse.up()
}

async function loginAsPersona(page, baseUrl, personaLabel) {
  await page.goto(`${baseUrl}/`)
  await tap(page, '我的')
  await tap(page, '登录')
  await tap(page, personaLabel)
  // The persona card shows the persona's name too: wait until the app has left the login page, or a following
  // page.goto races the app's own switchTab and loses.
  await page.waitForFunction(() => !location.hash.includes('pages/login/'), null, { timeout: TIMEOUT })
}


/** A person who is not in the demo seed signs up in H5 the way the demo offers it, then lands on 我的. */
async function signUpAsNewcomer(page, baseUrl, name) {
  await page.goto(`${baseUrl}/#/pages/login/index`)
  await page.locator('input[placeholder="您的称呼，如：李阿姨"]').filter({ visible: true }).first().fill(name)
  await tap(page, '注册并登录')
  await page.waitForFunction(() => !location.hash.includes('pages/login/'), null, { timeout: TIMEOUT })
}

/**
 * The same screen in 关怀模式 too: the flag as the app stores it, then a reload of the same page, then back.
 * `redo` puts back what the reload loses (a typed code, a search) before the picture.
 */
async function screenshotBothModes(page, screenshot, name, redo = async () => {}) {
  await screenshot(name)
  const setCare = (on) => page.evaluate((value) => {
    for (const key of ['xuanfang.careMode', 'xuanfang.careModeChosen']) localStorage.setItem(key, JSON.stringify({ data: key.endsWith('Chosen') ? true : value }))
  }, on)
  await setCare(true)
  await page.reload()
  await page.locator('.care-mode').first().waitFor({ state: 'attached', timeout: TIMEOUT })
  await redo()
  await screenshot(`${name}-care`)
  await setCare(false)
  await page.reload()
}

async function newBrowser(page) {
  const context = await page.context().browser().newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, hasTouch: true, locale: 'zh-CN' })
  return context.newPage()
}

module.exports = [
  {
    title: 'when a resident opens the app, then the home offers 看通报, 学防骗 and 每日答题, and 96110 and 110 to call in one tap, in 关怀模式 too',
    async run({ page, baseUrl, screenshot }) {
      await page.goto(`${baseUrl}/`)
      for (const label of ['看通报', '学防骗', '每日答题', '拨打 96110', '报警 110']) await see(page, label)
      await screenshotBothModes(page, screenshot, 'e2e-resident-home', async () => {
        for (const label of ['拨打 96110', '报警 110']) await see(page, label)
        const tabLabelPx = await page.locator('.weui-tabbar__label').first().evaluate((node) => parseFloat(getComputedStyle(node).fontSize))
        if (tabLabelPx < 18) throw new Error(`in 关怀模式 the tab labels are ${tabLabelPx}px`)
      })
    },
  },
  {
    title: 'when a resident who has just been defrauded taps 我被骗了怎么办 on the home, then the steps show under 110 and 96110 to call',
    async run({ page, baseUrl, screenshot }) {
      await page.goto(`${baseUrl}/`)
      await tap(page, '我被骗了怎么办 ›')
      for (const label of ['马上报警', '保留证据', '尽快止付', '报警 110', '拨打 96110']) await see(page, label)
      await screenshotBothModes(page, screenshot, 'e2e-scammed-guide', () => see(page, '保留证据'))
    },
  },
  {
    title: 'when the demo grid worker logs in from 我的, then the worker home greets them with their grid',
    async run({ page, baseUrl, screenshot }) {
      await loginAsPersona(page, baseUrl, '网格员')
      await see(page, '张网格') // either 我的 or, for a grid worker, the workbench itself
      if (!page.url().includes('packages/worker')) await tap(page, '网格员工作台')
      await see(page, '网格员工作台')
      await see(page, '第1网格')
      await screenshot('e2e-worker-home')
    },
  },
  {
    title: 'when the demo police officer logs in, then 管理后台 shows 柏林镇 with its villages and people',
    async run({ page, baseUrl, screenshot }) {
      await loginAsPersona(page, baseUrl, '派出所民警')
      await see(page, '李警官')
      if (!page.url().includes('packages/admin')) await tap(page, '管理后台')
      await see(page, '点区域查看下级和人员')
      await see(page, '柏林镇 的人员')
      await tap(page, '东胜村')
      await see(page, '第1网格')
      await see(page, '东胜村 的人员')
      await screenshot('e2e-admin-home')
    },
  },
  {
    title: 'when a grid worker records a visit and a pledge at a labelled door, then two more visits made offline sync on reconnecting and coverage shows the increase',
    async run({ page, baseUrl, screenshot }) {
      const { police, worker, gridId, labels } = await demoGridLabels(baseUrl)
      const label = labels[0]
      const token = labelToken(label)
      const before = (await police.get(`/api/coverage?regionId=${gridId}`)).region

      // A resident scanning the door learns nothing about the household.
      await page.goto(`${baseUrl}/h/${token}`)
      await see(page, '96110')
      if (await visible(page, label.householdCode, false).isVisible().catch(() => false)) throw new Error('public door page shows the household code')
      await screenshot('e2e-door-public')

      await loginAsPersona(page, baseUrl, '网格员')
      await see(page, '今日巡访建议')
      await page.goto(`${baseUrl}/h/${token}`)
      await see(page, label.householdCode)
      await tap(page, '记录走访')
      await tap(page, '宣讲到位')
      await tap(page, '国家反诈中心APP 已安装')
      await screenshot('e2e-visit-form')
      await tap(page, '保存')
      await see(page, '已保存')

      await tap(page, '签承诺书')
      await visible(page, '确认签署', true).waitFor({ timeout: TIMEOUT })
      await tap(page, '其他家庭成员')
      await page.locator('input[placeholder="请填写签署人姓名"]').filter({ visible: true }).first().fill('张三')
      await tap(page, '子女')
      const pad = page.getByLabel('签名板').filter({ visible: true }).first()
      await pad.scrollIntoViewIfNeeded()
      const box = await pad.boundingBox()
      await drawStroke(page, box, { x: 20, y: 30 }, 20, { x: 12, y: (i) => (i % 5) * 10 })
      await drawStroke(page, box, { x: 40, y: 120 }, 10, { x: 20, y: (i) => -i * 5 })
      await see(page, '已签 2 笔')
      await screenshot('e2e-pledge-signed')
      await tap(page, '确认签署')
      await see(page, '已保存')
      await see(page, '全部已上传')

      await page.context().setOffline(true)
      for (let n = 0; n < 2; n++) {
        await tap(page, '记录走访')
        await tap(page, '来电预警已开启')
        await tap(page, '保存')
        await see(page, '联网后自动上传')
        await visible(page, '记录走访', true).waitFor({ timeout: TIMEOUT })
      }
      await see(page, '待上传 2 条')
      await screenshot('e2e-offline-pending')
      await page.context().setOffline(false)
      await see(page, '全部已上传')

      const household = await worker.get(`/api/households/${label.householdId}`)
      if (!household.pledgedAt || !household.callWarningOn || !household.appInstalled) {
        throw new Error(`household not updated by the synced records: ${JSON.stringify(household)}`)
      }

      await page.goto(`${baseUrl}/`)
      await tap(page, '我的')
      await tap(page, '退出登录')
      await tap(page, '退出')
      await loginAsPersona(page, baseUrl, '派出所民警')
      await see(page, '李警官')
      if (!page.url().includes('packages/admin')) await tap(page, '管理后台')
      await tap(page, '入户覆盖')
      await see(page, '下级区域')
      await page.getByRole('button', { name: /^东胜村/ }).filter({ visible: true }).first().click({ timeout: TIMEOUT })
      const visited = new RegExp(`^已走访 ${before.visited + 1}/${before.households} 户`)
      const pledged = new RegExp(`^已签承诺书 ${before.pledged + 1}/${before.households} 户`)
      await page.getByLabel(visited).filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })
      await page.getByLabel(pledged).filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })
      await screenshot('e2e-coverage')
    },
  },
  {
    title: 'when the police publish a bulletin and a cadre shares it, then a resident opening the shared link shows on the reach page',
    async run({ page, baseUrl, screenshot }) {
      const browser = page.context().browser()
      const contextOptions = { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, hasTouch: true, locale: 'zh-CN' }
      // The cadre and the resident use browsers of their own; their pictures go beside the others in test-results/.
      const snap = (other, name) => other.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', `${name}.png`) })

      await loginAsPersona(page, baseUrl, '派出所民警')
      await see(page, '李警官')
      if (!page.url().includes('packages/admin')) await tap(page, '管理后台')
      await tap(page, '通报管理')
      await tap(page, '新建通报')
      await visible(page, '保存草稿', true).waitFor({ timeout: TIMEOUT })
      const title = `E2E 警情通报 ${Date.now()}`
      await page.locator('.form-field input').filter({ visible: true }).first().fill(title)
      // The template's facts are blank, with hints: each case is written as the station would.
      for (const n of [0, 1]) {
        await page.locator('input[placeholder^="如：某村"]').filter({ visible: true }).nth(n).fill(`柏林镇某村 ${60 + n}岁 女性 务农`)
        await page.locator('input[placeholder^="几句话说清"]').filter({ visible: true }).nth(n).fill('受害人接到冒充客服的来电，被要求共享屏幕，经劝阻未转账。')
      }
      await screenshot('e2e-bulletin-editor')
      await tap(page, '立即发布')
      // Another flow may have published for the same day already: then the editor asks before a second one goes out.
      await page.getByText(/^(已发布|这一天已有通报)$/).filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })
      if (await visible(page, '这一天已有通报', true).isVisible()) await tap(page, '仍要发布')
      await see(page, '已发布')
      await screenshot('e2e-bulletin-published')
      const police = await apiLogin(baseUrl, 'police')
      const { items } = await police.get('/api/public/bulletins?page=1&pageSize=20')
      const bulletin = items.find((b) => b.title === title)
      if (!bulletin) throw new Error(`published bulletin not in the public list: ${JSON.stringify(items)}`)

      // The cadre opens it in their own browser and copies the link that carries their share id.
      const cadreContext = await browser.newContext(contextOptions)
      const cadrePage = await cadreContext.newPage()
      await loginAsPersona(cadrePage, baseUrl, '村干部')
      await see(cadrePage, '王书记')
      await cadrePage.goto(`${baseUrl}/#/pages/bulletin/index?id=${bulletin.id}`)
      await see(cadrePage, title)
      // The poster loads lazily: scroll down to it as the cadre would to save it.
      await cadrePage.getByRole('link', { name: '保存海报' }).filter({ visible: true }).first().scrollIntoViewIfNeeded()
      await cadrePage.waitForFunction(() => [...document.querySelectorAll('img')].some((i) => i.src.includes('poster.png') && i.complete && i.naturalWidth > 0), null, { timeout: TIMEOUT })
      await see(cadrePage, '复制链接')
      const link = await cadrePage.locator('.copy-link').filter({ visible: true }).first().getAttribute('data-url')
      if (!/[?&]share=[0-9A-Za-z]{10}/.test(link)) throw new Error(`share link without a share id: ${link}`)
      await tap(cadrePage, '复制链接')
      await snap(cadrePage, 'e2e-bulletin-cadre-share')
      await cadreContext.close()

      // A resident, not signed in, opens the shared link.
      const residentContext = await browser.newContext(contextOptions)
      const residentPage = await residentContext.newPage()
      await residentPage.goto(link)
      await see(residentPage, title)
      await see(residentPage, '警方提示')
      await snap(residentPage, 'e2e-bulletin-resident')
      await residentContext.close()

      await page.goto(`${baseUrl}/#/packages/admin/pages/bulletin-reach/index?id=${bulletin.id}`)
      await page.getByText(/^打开 [1-9]\d* 次/).filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })
      await see(page, '转发链')
      await screenshot('e2e-bulletin-reach')
    },
  },
  {
    title: 'when a resident reads a fraud type, answers today\'s quiz and claims the fan, then the police redeem its code exactly once',
    async run({ page, baseUrl, screenshot }) {
      const resident = await apiLogin(baseUrl, 'resident')
      await loginAsPersona(page, baseUrl, '居民')
      await see(page, '刘大爷')

      await tap(page, '学习')
      await tap(page, '刷单返利')
      await see(page, '识别要点')
      await see(page, '防范提示')
      await screenshot('e2e-learn-article')
      await tap(page, '返回全部骗局类型')

      await tap(page, '答题')
      await tap(page, '开始今日答题')
      for (let n = 1; n <= 5; n++) {
        await see(page, `第 ${n} 题 / 共 5 题`)
        await see(page, '剩余')
        await answerWithA(page)
        await tap(page, n === 5 ? '交卷，看成绩' : '下一题')
      }
      await see(page, '得分')
      await see(page, '解析：')
      await screenshot('e2e-quiz-result')

      await tap(page, '领奖品')
      await see(page, '可领的奖品')
      const offers = await resident.get('/api/prizes')
      const bag = offers.find((o) => o.name === '防骗手提袋')
      const { today } = await resident.get('/api/quiz/me')
      if (today.score < 80) {
        if (!bag || bag.unmet.length === 0) throw new Error(`防骗手提袋 has no unmet reason at score ${today.score}: ${JSON.stringify(bag)}`)
        await see(page, `✗ ${bag.unmet[0]}`)
      }
      await tap(page, '领取 反诈宣传折扇')
      await tap(page, '确认领取')
      await see(page, '领取成功')
      const claim = (await resident.get('/api/prizes/my-claims')).find((c) => c.prizeName === '反诈宣传折扇')
      if (!claim) throw new Error('the claimed fan is not among my claims')
      await page.getByLabel(`兑换码 ${claim.code}`, { exact: true }).filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })
      await screenshot('e2e-prize-claimed')

      // The police officer at the pickup desk, in a browser of their own.
      const deskContext = await page.context().browser().newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, hasTouch: true, locale: 'zh-CN' })
      const desk = await deskContext.newPage()
      await loginAsPersona(desk, baseUrl, '派出所民警')
      await see(desk, '李警官')
      await desk.goto(`${baseUrl}/#/packages/admin/pages/redeem/index`)
      const codeInput = desk.locator('input[placeholder="输入兑换码"]').filter({ visible: true }).first()
      await codeInput.fill(claim.code)
      await tap(desk, '查询兑换码')
      await see(desk, '领取人：')
      await tap(desk, '确认兑换')
      await see(desk, '兑换成功')
      await tap(desk, '查询兑换码')
      await see(desk, '此码已兑换过')
      await desk.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', 'e2e-prize-redeemed.png') })
      await deskContext.close()

      // 关怀模式: the resident's home keeps just the three big actions. The prizes page has no tab bar: start afresh.
      await page.goto(`${baseUrl}/#/pages/me/index`)
      await page.getByRole('switch', { name: '关怀模式' }).filter({ visible: true }).first().click({ timeout: TIMEOUT })
      await page.locator('[role="switch"][aria-checked="true"]').filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })
      await tap(page, '首页')
      await page.locator('.care-home').filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })
      for (const label of ['看通报', '学防骗', '每日答题']) await see(page, label)
      // Only the home itself: a page opened by address earlier (the prizes page, titled 领奖品) may still lie under it.
      const home = page.locator('.care-home').filter({ visible: true }).first()
      if (await home.getByText('领奖品', { exact: true }).count()) throw new Error('关怀模式 home still shows 领奖品')
      await screenshot('e2e-care-mode-home')
    },
  },
  {
    title: 'when the police dispatch a high-risk warning and the dissuader records 劝阻成功, then the day report counts it and its Excel opens with the figure',
    async run({ page, baseUrl, screenshot }) {
      const police = await apiLogin(baseUrl, 'police')
      const town = police.session.user.roles.find((r) => r.role === 'admin').regionId
      const todayInChina = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
      const reportPath = `/api/reports?regionId=${town}&period=day&date=${todayInChina}`
      const dissuadedBefore = (await police.get(reportPath)).current.warnings.outcomes.dissuaded

      await loginAsPersona(page, baseUrl, '派出所民警')
      await see(page, '李警官')
      await page.goto(`${baseUrl}/#/packages/admin/pages/warnings/index`)
      await tap(page, '新增预警')
      await tap(page, '选择区域')
      await tap(page, '柏林镇')
      await see(page, '✓ 柏林镇')
      const field = (placeholder) => page.locator(`input[placeholder="${placeholder}"]`).filter({ visible: true }).first()
      await field('如：刘某某').fill('赵桂兰')
      await field('11 位手机号码').fill('13912345678')
      await field('如：东胜村1组3号').fill('东胜村3组12号')
      await field('如：200000').fill('80000')
      // A chip already chosen reads "✓ 名称": pick by the group's name and the option's text.
      const choose = (group, option) => page.getByRole('group', { name: group }).filter({ visible: true }).first().getByText(option).first().click({ timeout: TIMEOUT })
      await choose('风险等级', '高风险')
      await choose('诈骗类型', '冒充公检法')
      await choose('来源', '银行网点')
      await tap(page, '保存并派发')
      await see(page, '赵桂兰')
      await see(page, '139****5678')
      await screenshot('e2e-warning-dispatched')

      // The dissuader on their own phone.
      const dissuaderContext = await page.context().browser().newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, hasTouch: true, locale: 'zh-CN' })
      const phone = await dissuaderContext.newPage()
      const snap = async (name) => {
        await phone.waitForTimeout(400) // the page slide-in, as in scripts/e2e.js
        await phone.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', `${name}.png`) })
      }
      await loginAsPersona(phone, baseUrl, '劝阻员')
      await see(phone, '陈劝阻')
      await tap(phone, '预警处置')
      const card = phone.getByRole('button', { name: /赵桂兰/ }).filter({ visible: true }).first()
      await card.waitFor({ timeout: TIMEOUT })
      await card.getByText(/剩余 \d/).first().waitFor({ timeout: TIMEOUT })
      await see(phone, '高风险')
      await snap('e2e-warning-queue-countdown')
      await card.click({ timeout: TIMEOUT })
      await see(phone, '状态：待处置')
      await see(phone, '一键拨打')
      await tap(phone, '已联系')
      await see(phone, '状态：已联系')
      await phone.locator('input[placeholder="如：已电话劝阻，当事人停止转账"]').filter({ visible: true }).first().fill('已电话劝阻，当事人停止转账，银行已冻结')
      await tap(phone, '劝阻成功')
      await see(phone, '确认记录“劝阻成功”？')
      await tap(phone, '确认')
      await see(phone, '状态：劝阻成功')
      await snap('e2e-warning-dissuaded')
      await dissuaderContext.close()

      const dissuadedAfter = (await police.get(reportPath)).current.warnings.outcomes.dissuaded
      if (dissuadedAfter !== dissuadedBefore + 1) throw new Error(`day report 劝阻成功 went from ${dissuadedBefore} to ${dissuadedAfter}`)
      await page.goto(`${baseUrl}/#/packages/admin/pages/reports/index`)
      const figure = page.getByRole('group', { name: new RegExp(`^劝阻成功（起） ${dissuadedAfter}，`) }).filter({ visible: true }).first()
      await figure.waitFor({ timeout: TIMEOUT })
      await figure.scrollIntoViewIfNeeded()
      await screenshot('e2e-day-report')

      const [download] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), tap(page, '导出Excel')])
      const file = require('node:path').join(__dirname, '..', '..', 'test-results', 'e2e-day-report.xlsx')
      await download.saveAs(file)
      const ExcelJS = require('exceljs')
      const book = new ExcelJS.Workbook()
      await book.xlsx.readFile(file)
      const sheet = book.getWorksheet('预警劝阻')
      if (!sheet) throw new Error(`the export has no 预警劝阻 sheet: ${book.worksheets.map((w) => w.name).join(', ')}`)
      const row = sheet.getRows(1, sheet.rowCount).find((r) => String(r.getCell(1).value).startsWith('劝阻成功'))
      if (!row || Number(row.getCell(2).value) !== dissuadedAfter) throw new Error(`the 预警劝阻 sheet shows 劝阻成功 as ${row && row.getCell(2).value}, expected ${dissuadedAfter}`)
    },
  },
  {
    title: 'when the police log a 院坝会 and add a big camera photo, then it is stored compressed with a thumbnail and the list counts it',
    async run({ page, baseUrl, screenshot }) {
      const { renderBigPhoto, jpegSize } = require('./fixtures/photo')
      const police = await apiLogin(baseUrl, 'police')
      const town = police.session.user.roles.find((r) => r.role === 'admin').regionId
      const monthInChina = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
      const title = `E2E 防诈骗院坝会 ${Date.now()}`

      await loginAsPersona(page, baseUrl, '派出所民警')
      await see(page, '李警官')
      if (!page.url().includes('packages/admin')) await tap(page, '管理后台')
      await tap(page, '宣传活动')
      await see(page, '范围：柏林镇')
      await tap(page, '登记活动')
      const field = (placeholder) => page.locator(`input[placeholder="${placeholder}"]`).filter({ visible: true }).first()
      await field('如：东村防诈骗院坝会').waitFor({ timeout: TIMEOUT })
      // The list page behind, kept in the DOM by Taro, has a 院坝会 filter chip of its own: pick the form's.
      const form = page.locator('.card:has(input[placeholder="如：东村防诈骗院坝会"])').filter({ visible: true }).first()
      await form.getByText('院坝会', { exact: true }).click({ timeout: TIMEOUT })
      await field('如：东村防诈骗院坝会').fill(title)
      await field('如：东村村委会院坝').fill('东胜村村委会院坝')
      await field('HH:mm，如 09:30').fill('14:30')
      await field('如：柏林派出所、东村村委会').fill('柏林派出所')
      await tap(page, '老年人')
      await tap(page, '宝妈')

      // A slip of the finger: the refusal names the field and nothing typed is lost.
      await field('如：60').fill('-5')
      await tap(page, '保存')
      await see(page, '保存失败：参加人数不能为负数')
      const kept = { '如：东村防诈骗院坝会': title, '如：东村村委会院坝': '东胜村村委会院坝', 'HH:mm，如 09:30': '14:30', '如：柏林派出所、东村村委会': '柏林派出所', '如：60': '-5' }
      for (const [placeholder, value] of Object.entries(kept)) {
        const now = await field(placeholder).inputValue()
        if (now !== value) throw new Error(`after the refusal "${placeholder}" reads "${now}", expected "${value}"`)
      }
      await form.getByText('✓ 院坝会', { exact: true }).waitFor({ timeout: TIMEOUT })
      await see(page, '✓ 老年人')
      await see(page, '✓ 宝妈')
      await screenshot('e2e-activity-refused')
      await field('如：60').fill('60')
      await tap(page, '保存')
      await see(page, '活动详情')
      await see(page, '活动照片（0/9）')

      // A photo straight from a phone camera: 3000×2000 and well over 1 MB.
      const original = await renderBigPhoto(page)
      if (original.length <= 1024 * 1024) throw new Error(`the test photo is only ${original.length} bytes`)
      const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: TIMEOUT }), tap(page, '添加照片（还可 9 张）')])
      await chooser.setFiles({ name: 'IMG_20261118_143000.jpg', mimeType: 'image/jpeg', buffer: original })
      await see(page, '活动照片（1/9）')
      await see(page, '添加照片（还可 8 张）')
      if (await visible(page, '上传', false).isVisible().catch(() => false)) throw new Error('an upload is still shown after the photo was added')
      await page.waitForFunction(() => [...document.querySelectorAll('[aria-label="照片1"] img')]
        .some((i) => i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0), null, { timeout: TIMEOUT })
      await page.getByLabel('照片1', { exact: true }).filter({ visible: true }).first().scrollIntoViewIfNeeded()
      await screenshot('e2e-activity-photo')

      // What the server keeps is what the phone made of it.
      const { items } = await police.get(`/api/activities?regionId=${town}&month=${monthInChina}&page=1&pageSize=50`)
      const listed = items.find((a) => a.title === title)
      if (!listed) throw new Error(`the activity is not in the API list: ${JSON.stringify(items.map((a) => a.title))}`)
      const activity = await police.get(`/api/activities/${listed.id}`)
      if (activity.attendance !== 60 || activity.kind !== 'courtyard_meeting' || activity.targetGroups.join() !== '老年人,宝妈') {
        throw new Error(`stored activity differs from the form: ${JSON.stringify(activity)}`)
      }
      const bytesOf = async (path) => {
        const r = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${police.session.token}` } })
        if (!r.ok) throw new Error(`GET ${path}: HTTP ${r.status}`)
        return Buffer.from(await r.arrayBuffer())
      }
      const [stored] = activity.photos
      const photo = await bytesOf(stored.url)
      const thumbnail = await bytesOf(stored.thumbnailUrl)
      const size = jpegSize(photo)
      if (photo.length > 1024 * 1024) throw new Error(`stored photo is ${photo.length} bytes, over 1 MB`)
      if (Math.max(size.width, size.height) > 1280) throw new Error(`stored photo is ${size.width}×${size.height}, long side over 1280 px`)
      if (Math.abs(size.width / size.height - 1.5) > 0.01) throw new Error(`stored photo is ${size.width}×${size.height}, not the original's 3:2`)
      jpegSize(thumbnail)
      if (thumbnail.length > 64 * 1024) throw new Error(`stored thumbnail is ${thumbnail.length} bytes, over 64 KB`)

      await page.goBack()
      const card = page.getByRole('button', { name: title }).filter({ visible: true }).first()
      await card.waitFor({ timeout: TIMEOUT })
      await card.getByText('参加 60 人 · 照片 1 张').first().waitFor({ timeout: TIMEOUT })
      await page.waitForFunction((label) => [...document.querySelectorAll(`[aria-label="${label}"] img`)]
        .some((i) => i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0), `${title} 照片1`, { timeout: TIMEOUT })
      await card.scrollIntoViewIfNeeded()
      await screenshot('e2e-activity-list')
    },
  },
  {
    title: 'when the police print a grid\'s door labels and the 扫码学习 posters, then every A4 sheet reaches the paper',
    async run({ page, baseUrl, screenshot }) {
      /** Pages of the PDF Chromium prints, against the sheets the page shows. */
      const printedPages = async () => (String(await page.pdf({ format: 'A4', printBackground: true })).match(/\/Type\s*\/Page[^s]/g) || []).length
      const sheetsShown = () => page.locator('.print-page').filter({ visible: true }).count()

      await loginAsPersona(page, baseUrl, '派出所民警')
      await see(page, '李警官')
      await page.goto(`${baseUrl}/#/packages/admin/pages/labels/index`)
      await tap(page, '东胜村')
      await tap(page, '第1网格')
      await tap(page, '生成门牌')
      await see(page, '页 A4')
      const sheets = await sheetsShown()
      if (sheets < 2) throw new Error(`expected a grid needing several label sheets, got ${sheets}`)
      const labelPages = await printedPages()
      if (labelPages !== sheets) throw new Error(`door labels: ${sheets} sheets on screen, ${labelPages} pages printed`)
      await screenshot('e2e-labels-print')

      await page.goto(`${baseUrl}/#/packages/admin/pages/learn-posters/index`)
      await tap(page, '生成海报')
      await page.locator('.print-page').filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })
      const posters = await sheetsShown()
      const posterPages = await printedPages()
      if (posters < 13 || posterPages !== posters) throw new Error(`posters: ${posters} on screen, ${posterPages} pages printed`)
      await screenshot('e2e-learn-posters')
    },
  },
  {
    title: 'when a newcomer who is not in the seed opens a door label and taps 我住这里, then they answer today\'s quiz and claim a prize as a resident of that village',
    async run({ page, baseUrl, screenshot }) {
      const { labels } = await demoGridLabels(baseUrl)
      const token = labelToken(labels[1])

      await signUpAsNewcomer(page, baseUrl, '周阿姨')
      await see(page, '您住在哪个村（社区）？')
      await screenshotBothModes(page, screenshot, 'e2e-join-me-new')
      await page.goto(`${baseUrl}/h/${token}`)
      await tap(page, '我住这里')
      await see(page, '✓ 已登记为 东胜村 居民')
      await screenshotBothModes(page, screenshot, 'e2e-join-door-bound')

      await tap(page, '每日答题')
      await tap(page, '开始今日答题')
      for (let n = 1; n <= 5; n++) {
        await see(page, `第 ${n} 题 / 共 5 题`)
        await answerWithA(page)
        await tap(page, n === 5 ? '交卷，看成绩' : '下一题')
      }
      await see(page, '得分')
      await tap(page, '领奖品')
      await tap(page, '领取 反诈宣传折扇')
      await tap(page, '确认领取')
      await see(page, '领取成功')
      // A date sits on one line (a phone's narrow card once broke it as 2027-02- / 04).
      const brokenDates = await page.locator('.date').filter({ visible: true }).evaluateAll((dates) => dates.filter((d) => d.getClientRects().length > 1).map((d) => d.textContent))
      if (brokenDates.length) throw new Error(`dates broken across lines: ${brokenDates.join(', ')}`)
      await screenshot('e2e-join-prize-claimed')

      await page.goto(`${baseUrl}/#/pages/me/index`)
      await see(page, '居住地 · 东胜村')
      await tap(page, '我的数据')
      await see(page, '注销居民身份')
      await screenshotBothModes(page, screenshot, 'e2e-join-my-data')
    },
  },
  {
    title: 'when the demo admin invites a new grid worker who accepts and records a visit, and the admin then deactivates them, then the worker\'s next action is refused',
    async run({ page, baseUrl, screenshot }) {
      await loginAsPersona(page, baseUrl, '派出所民警')
      await see(page, '李警官')
      await page.goto(`${baseUrl}/#/packages/admin/pages/invitations/index`)
      const inviteGridWorker = async () => {
        await tap(page, '网格员/民警')
        await tap(page, '东胜村')
        await tap(page, '第1网格')
        await see(page, '✓ 第1网格')
        await tap(page, '生成邀请')
        await see(page, '复制邀请码')
      }
      await inviteGridWorker()
      await screenshotBothModes(page, screenshot, 'e2e-invitation-created', inviteGridWorker)
      const police = await apiLogin(baseUrl, 'police')
      const { items } = await police.get('/api/invitations')
      const invitation = items.find((i) => i.role === 'grid_worker' && i.status === 'open')
      if (!invitation) throw new Error('the invitation is not listed')

      const newcomer = await newBrowser(page)
      await signUpAsNewcomer(newcomer, baseUrl, '孙网格')
      await newcomer.goto(`${baseUrl}/join/${invitation.code}`)
      await see(newcomer, '李警官')
      await see(newcomer, '东胜村第1网格')
      await newcomer.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', 'e2e-join-invitation.png') })
      await tap(newcomer, '接受')
      await see(newcomer, '今日巡访建议')
      const workerToken = await newcomer.evaluate(() => {
        for (let i = 0; i < localStorage.length; i++) {
          const value = localStorage.getItem(localStorage.key(i))
          const match = /"data":"([A-Za-z0-9_-]{43})"/.exec(value ?? '')
          if (match) return match[1]
        }
        return null
      })
      if (!workerToken) throw new Error('no session token in the worker\'s storage')

      const { labels } = await demoGridLabels(baseUrl)
      await newcomer.goto(`${baseUrl}/h/${labelToken(labels[2])}`)
      await see(newcomer, labels[2].householdCode)
      await tap(newcomer, '记录走访')
      await tap(newcomer, '宣讲到位')
      await tap(newcomer, '保存')
      await see(newcomer, '已保存')
      await newcomer.goto(`${baseUrl}/#/packages/worker/pages/home/index`)
      await see(newcomer, '全部已上传')

      await page.goto(`${baseUrl}/#/packages/admin/pages/users/index`)
      await page.locator('input[placeholder="搜索姓名"]').filter({ visible: true }).first().fill('孙网格')
      await tap(page, '搜索')
      await tap(page, '孙网格')
      await tap(page, '停用账号')
      await tap(page, '确定')
      await see(page, '恢复账号')
      await see(page, '停用账号 ')
      await screenshotBothModes(page, screenshot, 'e2e-user-deactivated')

      // The worker's page, still open, makes its next request: refused, the dead session is dropped and sign-in asked for.
      await newcomer.reload()
      await see(newcomer, '请先登录')
      await see(newcomer, '该账号已被停用')
      const refused = await fetch(`${baseUrl}/api/invitations/${invitation.code}`, { headers: { authorization: `Bearer ${workerToken}` } })
      if ((await refused.json()).code !== 'USER_DEACTIVATED') throw new Error('the deactivated worker\'s session still answers')
      await newcomer.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', 'e2e-worker-deactivated.png') })
      await newcomer.context().close()
    },
  },
  {
    title: 'when a newcomer finds their village by name on 我住在哪里, then 我的 shows it and a code typed on the join page is explained in Chinese',
    async run({ page, baseUrl, screenshot }) {
      await signUpAsNewcomer(page, baseUrl, '吴大爷')
      await tap(page, '去登记 ›')
      await see(page, '先选镇（街道）')
      await screenshotBothModes(page, screenshot, 'e2e-residence-towns')
      await page.locator('input[placeholder="输入村（社区）名字，如：东胜"]').filter({ visible: true }).first().fill('东胜')
      await see(page, '选这里')
      await screenshot('e2e-residence-search')
      await screenshotBothModes(page, screenshot, 'e2e-residence-search', async () => {
        await page.locator('input[placeholder="输入村（社区）名字，如：东胜"]').filter({ visible: true }).first().fill('东胜')
        await see(page, '选这里')
      })
      await page.locator('input[placeholder="输入村（社区）名字，如：东胜"]').filter({ visible: true }).first().fill('东胜')
      await tap(page, '选这里')
      await see(page, '您住在 柏林镇 东胜村 吗？')
      await tap(page, '确定')
      await page.waitForFunction(() => !location.hash.includes('pages/residence/'), null, { timeout: TIMEOUT })
      await page.goto(`${baseUrl}/#/pages/me/index`)
      await see(page, '居住地 · 东胜村')

      await tap(page, '输入邀请码')
      const askAbout = async (code) => {
        await page.locator('input[placeholder="如：ABCD-EFGH"]').filter({ visible: true }).first().fill(code)
        await tap(page, '查看邀请')
        await see(page, '邀请码不对')
      }
      await askAbout('abcd-2345')
      await screenshotBothModes(page, screenshot, 'e2e-join-code-unknown', () => askAbout('abcd-2345'))

      const station = await newBrowser(page)
      await loginAsPersona(station, baseUrl, '派出所民警')
      await station.goto(`${baseUrl}/#/packages/admin/pages/home/index`)
      await see(station, '人员管理')
      await see(station, '邀请加入')
      await tap(station, '人员管理')
      const findNewcomer = async () => {
        await station.locator('input[placeholder="搜索姓名"]').filter({ visible: true }).first().fill('吴大爷')
        await tap(station, '搜索')
        await see(station, '居民 · 柏林镇 东胜村')
      }
      await findNewcomer()
      const stationShot = (name) => station.screenshot({ path: require('node:path').join(__dirname, '..', '..', 'test-results', `${name}.png`) })
      await screenshotBothModes(station, stationShot, 'e2e-users-list', findNewcomer)
      await station.context().close()
    },
  },
  {
    title: 'when the dissuader opens a warning and signs out, and a resident signs in on the same phone and opens the same link, then nothing of the warning shows',
    async run({ page, baseUrl, screenshot }) {
      const dissuader = await apiLogin(baseUrl, 'dissuader')
      const [warning] = await dissuader.get('/api/warnings/mine')
      const link = `${baseUrl}/#/packages/worker/pages/warning/index?id=${warning.id}`
      await loginAsPersona(page, baseUrl, '劝阻员')
      await see(page, '陈劝阻')
      await page.goto(link)
      await see(page, warning.residentName)
      await see(page, warning.phoneMasked)

      await page.goto(`${baseUrl}/#/pages/me/index`)
      await tap(page, '退出登录')
      await tap(page, '退出')
      await tap(page, '登录')
      await tap(page, '居民')
      await page.waitForFunction(() => !location.hash.includes('pages/login/'), null, { timeout: TIMEOUT })
      await see(page, '刘大爷')
      await page.goto(link)
      await page.waitForTimeout(1500) // whatever the page would show from before has had time to appear
      for (const leaked of [warning.residentName, warning.phoneMasked, warning.address, '一键拨打']) {
        if (await visible(page, leaked, false).isVisible().catch(() => false)) throw new Error(`the resident sees the dissuader's ${leaked}`)
      }
      await screenshot('e2e-shared-phone-warning')
    },
  },
  {
    title: 'when each staff persona opens every entry that 管理后台 and 我的 offer them, then none opens onto 您没有权限执行此操作 or 加载失败',
    async run({ page, baseUrl, screenshot }) {
      const refused = async (where) => {
        await page.waitForTimeout(1200) // the page's first requests have answered by now
        for (const text of ['您没有权限执行此操作', '加载失败']) {
          if (await visible(page, text, false).isVisible().catch(() => false)) throw new Error(`${where} shows ${text}`)
        }
      }
      const ME_ENTRIES = ['网格员工作台', '预警处置', '管理后台', '宣传活动', '扫码学习海报', '我的奖品', '我的数据', '输入邀请码']
      for (const persona of ['派出所民警', '村干部', '网格员', '劝阻员']) {
        await loginAsPersona(page, baseUrl, persona)
        // A grid worker is taken on to the workbench after signing in; a fresh load of 我的 leaves that behind.
        await page.goto(`${baseUrl}/#/pages/me/index`)
        await page.reload()
        await see(page, '退出登录')
        const offered = []
        for (const title of ME_ENTRIES) if (await visible(page, title, true).isVisible().catch(() => false)) offered.push(title)
        for (const title of offered) {
          await page.goto(`${baseUrl}/#/pages/me/index`)
          await page.reload()
          await tap(page, title)
          await refused(`${persona} → 我的 → ${title}`)
        }
        if (offered.includes('管理后台')) await checkAdminEntries(persona)
        await page.goto(`${baseUrl}/#/pages/me/index`)
        await page.reload()
        await tap(page, '退出登录')
        await tap(page, '退出')
        await see(page, '登录')
      }
      await screenshot('e2e-entries-checked')

      async function checkAdminEntries(persona) {
        await page.goto(`${baseUrl}/#/packages/admin/pages/home/index`)
        await see(page, '辖区')
        const entries = await page.locator('.admin-entry').filter({ visible: true }).evaluateAll((cards) => cards.map((c) => c.querySelector('.card-title').textContent))
        if (persona === '村干部' && entries.includes('通报管理')) throw new Error('the cadre is offered 通报管理, which only the station may use')
        for (const title of entries) {
          await page.goto(`${baseUrl}/#/packages/admin/pages/home/index`)
          await page.reload()
          await page.locator('.admin-entry').filter({ visible: true, has: page.getByText(title, { exact: true }) }).first().click({ timeout: TIMEOUT })
          await refused(`${persona} → 管理后台 → ${title}`)
        }
      }
    },
  },
].concat(
  require('./village-network'),
  require('./offline')({ see, tap, visible, apiLogin, loginAsPersona, screenshotBothModes }),
  require('./elders')({ see, tap, visible, apiLogin, loginAsPersona, screenshotBothModes, answerWithA }),
  require('./cadre')({ see, tap, visible, apiLogin, loginAsPersona, screenshotBothModes }),
  require('./worker')({ see, tap, visible, apiLogin, loginAsPersona, screenshotBothModes, drawStroke, demoGridLabels, labelToken }),
  require('./accessibility-tour')({ apiLogin }),
)
