// The flows scripts/e2e.js drives in Chromium. Each reads as a user's steps; titles "when …, then …".
const TIMEOUT = 20_000

/**
 * Taro's H5 tab bar and NutUI buttons render as plain elements: find them by their visible text. Taro keeps
 * pages of the stack in the DOM, hidden, so only visible matches count.
 */
const visible = (page, text, exact) => page.getByText(text, { exact }).filter({ visible: true }).first()
const tap = (page, text) => visible(page, text, true).click({ timeout: TIMEOUT })
const see = (page, text) => visible(page, text, false).waitFor({ state: 'visible', timeout: TIMEOUT })

async function loginAsPersona(page, baseUrl, personaLabel) {
  await page.goto(`${baseUrl}/`)
  await tap(page, '我的')
  await tap(page, '登录')
  await tap(page, personaLabel)
}

module.exports = [
  {
    title: 'when a resident opens the app, then the home offers 看通报, 学防骗 and 每日答题',
    async run({ page, baseUrl, screenshot }) {
      await page.goto(`${baseUrl}/`)
      for (const label of ['看通报', '学防骗', '每日答题']) await see(page, label)
      await screenshot('e2e-resident-home')
    },
  },
  {
    title: 'when the demo grid worker logs in from 我的, then the worker home greets them with their grid',
    async run({ page, baseUrl, screenshot }) {
      await loginAsPersona(page, baseUrl, '网格员')
      await see(page, '张网格') // signed in: either 我的 or, for a grid worker, the workbench itself
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
]
