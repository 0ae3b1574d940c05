// Flows for older residents (issue 17, points 3, 4 and 7): 关怀模式 offered on a large system font, the quiz without
// countdown and with a verdict after each answer, 听 on articles and bulletins, and an article as a page of its own.
// Helpers come from flows.js.
const TIMEOUT = 20_000

/**
 * A browser that speaks: speechSynthesis with the given voices, recording what it is asked to say in
 * window.__spoken (headless Chromium has no voices of its own).
 */
function installFakeSpeech(voiceLangs) {
  window.__spoken = []
  const synth = {
    getVoices: () => voiceLangs.map((lang) => ({ lang, name: lang, default: false, localService: true, voiceURI: lang })),
    speak: (u) => window.__spoken.push(u.text),
    cancel: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
  }
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true })
  window.SpeechSynthesisUtterance = function SpeechSynthesisUtterance(text) { this.text = text }
}

module.exports = ({ see, tap, visible, loginAsPersona, screenshotBothModes, answerWithA }) => {
  const absent = async (page, text) => {
    if (await visible(page, text, false).isVisible().catch(() => false)) throw new Error(`"${text}" should not show`)
  }
  return [
    {
      title: 'when an older resident opens the app for the first time with the browser\'s text set large, then 关怀模式 is offered once, and the home and 我的 carry a whole-row switch',
      async run({ page, baseUrl, screenshot }) {
        // The browser's own text-size setting (what 'medium' means), as a person sets it in the browser's settings.
        const cdp = await page.context().newCDPSession(page)
        await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } })
        await page.goto(`${baseUrl}/`)
        await see(page, '开启关怀模式？')
        await screenshot('e2e-elders-care-offer')

        await tap(page, '开启关怀模式')
        await page.locator('.care-mode').filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })
        await absent(page, '开启关怀模式？')
        await absent(page, '领奖品')
        const homeSwitch = page.getByRole('switch', { name: '关怀模式' }).filter({ visible: true }).first()
        await homeSwitch.scrollIntoViewIfNeeded()
        if ((await homeSwitch.getAttribute('aria-checked')) !== 'true') throw new Error(`the home switch does not say 关怀模式 is on: ${(await homeSwitch.evaluate((e) => e.outerHTML)).slice(0, 300)}`)
        await screenshot('e2e-elders-home-care-on')

        // Offered once: a new start does not ask again.
        await page.reload()
        await see(page, '看通报')
        await absent(page, '开启关怀模式？')

        // Off again from the home itself, by the row's words rather than its knob.
        await tap(page, '字更大，按钮更大，更好认')
        await see(page, '领奖品')
        await page.getByRole('switch', { name: '关怀模式' }).filter({ visible: true }).first().scrollIntoViewIfNeeded()
        await screenshot('e2e-elders-home-care-off')

        await tap(page, '我的')
        const row = page.getByRole('switch', { name: '关怀模式' }).filter({ visible: true }).first()
        const box = await row.boundingBox()
        if (!box || box.height < 48) throw new Error(`the 关怀模式 row is ${box && box.height}px tall`)
        if (await page.locator('[aria-role]').count()) throw new Error('an aria-role attribute is still on the page')
        await screenshotBothModes(page, screenshot, 'e2e-elders-me-switch', () => see(page, '关怀模式'))
      },
    },
    {
      title: 'when an older resident answers today\'s quiz in 关怀模式, then no countdown shows and each answer is marked right or wrong with its explanation at once',
      async run({ page, baseUrl, screenshot }) {
        await loginAsPersona(page, baseUrl, '村干部')
        await see(page, '王书记')
        await tap(page, '字更大，按钮更大，更好认')
        await page.locator('.care-mode').filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })

        await tap(page, '答题')
        await tap(page, '开始今日答题')
        await see(page, '第 1 题 / 共 5 题')
        await absent(page, '剩余')
        await page.waitForTimeout(1500) // a countdown, were there one, would have ticked
        await absent(page, '剩余')
        await absent(page, '时间到')
        await page.getByRole('button', { name: /^A\. / }).filter({ visible: true }).first().click({ timeout: TIMEOUT })
        await tap(page, '确定')
        await see(page, '正确答案：')
        await see(page, '解析：')
        await visible(page, /^✓ 答对了$|^✗ 答错了$/).waitFor({ timeout: TIMEOUT })
        await screenshot('e2e-elders-quiz-verdict-care')

        // The same verdict screen out of 关怀模式: the paper stays untimed for the day, as the server recorded it.
        await page.evaluate(() => {
          for (const key of ['xuanfang.careMode', 'xuanfang.careModeChosen']) localStorage.setItem(key, JSON.stringify({ data: key.endsWith('Chosen') }))
        })
        await page.reload()
        await tap(page, '开始今日答题')
        await see(page, '第 2 题 / 共 5 题')
        await answerWithA(page)
        await screenshot('e2e-elders-quiz-verdict')
        await tap(page, '下一题')
        for (let n = 3; n <= 5; n++) {
          await see(page, `第 ${n} 题 / 共 5 题`)
          await answerWithA(page)
          await tap(page, n === 5 ? '交卷，看成绩' : '下一题')
        }
        await see(page, '得分')
      },
    },
    {
      title: 'when an older resident opens an article from 学习, then it is a page of its own that 听一听 reads aloud, and back returns to the list',
      async run({ page, baseUrl, screenshot }) {
        await page.addInitScript(installFakeSpeech, ['en-US', 'zh-CN'])
        await page.goto(`${baseUrl}/`)
        await tap(page, '学习')
        await tap(page, '刷单返利')
        await see(page, '识别要点')
        if (!page.url().includes('pages/article/index?type=rebate_task')) throw new Error(`the article is not a page of its own: ${page.url()}`)

        await tap(page, '▶ 听一听')
        await see(page, '■ 停止')
        const spoken = await page.evaluate(() => window.__spoken.join(''))
        if (!spoken.startsWith('刷单返利。') || !spoken.includes('识别要点')) throw new Error(`read aloud: ${spoken.slice(0, 80)}`)
        await tap(page, '■ 停止')
        await see(page, '▶ 听一听')
        await screenshotBothModes(page, screenshot, 'e2e-elders-article', () => see(page, '▶ 听一听'))

        // The phone's back: the library list, not another tab.
        await page.goBack()
        await see(page, '点一种骗局')
        if (!page.url().includes('pages/learn/index')) throw new Error(`back landed on ${page.url()}`)

        await page.goto(`${baseUrl}/#/pages/bulletins/index`)
        // A card of the list itself: the article page, still sliding out, shows bulletin cards too.
        await page.locator('.taro_page[id^="/pages/bulletins/index"] .card-title').filter({ visible: true }).first().click({ timeout: TIMEOUT })
        await see(page, '警方提醒')
        const title = (await page.locator('.bulletin-view .page-title').filter({ visible: true }).first().textContent()).trim()
        await tap(page, '▶ 听通报')
        const read = await page.evaluate(() => window.__spoken.join(''))
        if (!read.includes(`${title}。`) || !read.includes('警方提醒：')) throw new Error(`bulletin read aloud: ${read.slice(0, 80)}`)
        await tap(page, '■ 停止')
        await screenshotBothModes(page, screenshot, 'e2e-elders-bulletin-listen', () => see(page, '▶ 听通报'))
      },
    },
    {
      title: 'when an older resident\'s browser has no Chinese voice, then articles and bulletins show no 听 button',
      async run({ page, baseUrl }) {
        await page.addInitScript(installFakeSpeech, ['en-US'])
        await page.goto(`${baseUrl}/#/pages/article/index?type=fake_police`)
        await see(page, '识别要点')
        await absent(page, '听一听')
        await page.goto(`${baseUrl}/#/pages/bulletins/index`)
        // A card of the list itself: the article page, still sliding out, shows bulletin cards too.
        await page.locator('.taro_page[id^="/pages/bulletins/index"] .card-title').filter({ visible: true }).first().click({ timeout: TIMEOUT })
        await see(page, '警方提醒')
        await absent(page, '听通报')
      },
    },
  ]
}
