// Flows for issue 17's bulletin editor and navigation (helper "cadre"): the police write and publish a bulletin
// past the template check and the same-day warning, then forward it; the H5 title bar leads back from a form page;
// the tab bar draws four different icons. Helpers come from flows.js.
const TIMEOUT = 20_000
const VICTIM_HINT = '如：某村 62岁 女性 务农'
const METHOD_HINT = '几句话说清怎么被骗的：从哪里认识对方、对方怎么说、怎么转的钱'

/** The editor's inputs found by their hints (placeholders), n-th case first. */
const field = (page, placeholder, n) => page.locator(`input[placeholder="${placeholder}"]`).filter({ visible: true }).nth(n)

async function openAdmin(page, tap) {
  if (!page.url().includes('packages/admin')) await tap(page, '管理后台')
}

/** Yesterday in China: the day a new bulletin reports. */
const chinaYesterday = () => new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10)

/** The station has already published a bulletin for yesterday, through the API as its other editor would. */
async function publishedForYesterday(baseUrl, police, title) {
  const headers = { authorization: `Bearer ${police.session.token}`, 'content-type': 'application/json' }
  const post = async (path, body) => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
    if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`)
    return res.json()
  }
  const regionId = police.session.user.roles[0].regionId
  const draft = await post('/api/bulletins', {
    regionId, bulletinDate: chinaYesterday(), title, advice: '不听不信不转账，接到 96110 来电请务必接听。',
    cases: [{ fraudType: 'rebate_task', victimProfile: '柏林镇某村 45岁 女性 务农', lossYuan: 3000, method: '受害人被拉入刷单群，垫付 3 笔后无法提现。', warning: '刷单返利都是诈骗。' }],
  })
  await post(`/api/bulletins/${draft.id}/publish`, {})
}

module.exports = ({ see, tap, visible, apiLogin, loginAsPersona, screenshotBothModes }) => [
  {
    title: 'when the police publish a bulletin still holding template text, then it is refused; filled in, a same-day bulletin is warned of, and once published 转发到平安群 offers 保存海报 and 复制链接',
    async run({ page, baseUrl, screenshot }) {
      const police = await apiLogin(baseUrl, 'police')
      await publishedForYesterday(baseUrl, police, `E2E 早班通报 ${Date.now()}`)
      await loginAsPersona(page, baseUrl, '派出所民警')
      await see(page, '李警官')
      await openAdmin(page, tap)
      await tap(page, '通报管理')
      await tap(page, '新建通报')
      await visible(page, '保存草稿', true).waitFor({ timeout: TIMEOUT })
      // A new bulletin's facts are blank: the hints are placeholders, never text that could go out.
      const hinted = async () => {
        await field(page, VICTIM_HINT, 0).waitFor({ timeout: TIMEOUT })
        if (await field(page, VICTIM_HINT, 0).inputValue() !== '') throw new Error('the victim profile is prefilled')
        await field(page, VICTIM_HINT, 0).scrollIntoViewIfNeeded()
      }
      await hinted()
      await screenshotBothModes(page, screenshot, 'cadre-bulletin-editor-hints', hinted)
      const title = `E2E 通报 ${Date.now()}`
      const writeWithTemplateText = async () => {
        await page.locator('.form-field input').filter({ visible: true }).first().fill(title)
        await field(page, VICTIM_HINT, 0).fill('某社区 XX岁 男性 退休职工')
        await field(page, METHOD_HINT, 0).fill('受害人接到自称“公安局”的来电，要求将资金转入“安全账户”……')
        await field(page, VICTIM_HINT, 1).fill('东胜村 58岁 女性 务农')
        await field(page, METHOD_HINT, 1).fill('受害人被拉入刷单群，先后垫付 3 笔资金后无法提现，方知被骗。')
        await tap(page, '立即发布')
        await see(page, '通报中还有模板提示文字')
      }
      await writeWithTemplateText()
      await see(page, '第 1 个案例的受害人情况还是模板提示')
      // Refused, and nothing typed is lost.
      if (await field(page, VICTIM_HINT, 0).inputValue() !== '某社区 XX岁 男性 退休职工') throw new Error('the typed victim profile was lost')
      await screenshotBothModes(page, screenshot, 'cadre-bulletin-template-refused', writeWithTemplateText)

      // The reloads of the pictures left a fresh editor: write it again, then put the facts right.
      await visible(page, '保存草稿', true).waitFor({ timeout: TIMEOUT })
      await writeWithTemplateText()
      await field(page, VICTIM_HINT, 0).fill('柏林社区 66岁 男性 退休职工')
      await field(page, METHOD_HINT, 0).fill('受害人接到自称“公安局”的来电，称其涉嫌洗钱，被要求转账到“安全账户”，经民警劝阻未转账。')
      // Yesterday's bulletin of 柏林镇 is out already: publishing another for that day asks first.
      await tap(page, '立即发布')
      await see(page, '这一天已有通报')
      await screenshot('cadre-bulletin-same-day-warning')
      await tap(page, '仍要发布')
      await see(page, '转发到平安群')
      await see(page, '复制链接')
      await page.getByRole('link', { name: '保存海报' }).filter({ visible: true }).first().waitFor({ timeout: TIMEOUT })
      await screenshot('cadre-bulletin-forward')

      const { items } = await police.get('/api/public/bulletins?page=1&pageSize=20')
      const bulletin = items.find((b) => b.title === title)
      if (!bulletin) throw new Error(`published bulletin not in the public list: ${JSON.stringify(items.map((b) => b.title))}`)
      const link = (await page.locator('.bulletin-forward .copy-link-url').filter({ visible: true }).first().textContent()).trim()
      if (!link.endsWith(`/pages/bulletin/index?id=${bulletin.id}`)) throw new Error(`copy link is not the bulletin's page: ${link}`)
      // Reopened, a published bulletin still offers the step: the same screen in both modes. Loaded afresh: a hash-only
      // change would keep the publishing page, showing the same step, until the router swaps it out under the test.
      await page.goto('about:blank')
      await page.goto(`${baseUrl}/#/packages/admin/pages/bulletin-edit/index?id=${bulletin.id}`)
      await see(page, '转发到平安群')
      await page.locator('.bulletin-forward').filter({ visible: true }).first().scrollIntoViewIfNeeded()
      await screenshotBothModes(page, screenshot, 'cadre-bulletin-forward-step', async () => {
        await see(page, '转发到平安群')
        await page.locator('.bulletin-forward').filter({ visible: true }).first().scrollIntoViewIfNeeded()
      })
    },
  },
  {
    title: 'when the cadre opens a group\'s label form from 群管理, then the H5 title bar names it and its 返回 leads back to the list',
    async run({ page, baseUrl, screenshot }) {
      await loginAsPersona(page, baseUrl, '村干部')
      await see(page, '王书记')
      await openAdmin(page, tap)
      await tap(page, '群管理')
      await see(page, '东胜村1组群')
      await tap(page, '标注并认领')
      await see(page, '保存并认领')
      if (!page.url().includes('/group-label/')) throw new Error(`the label form is not a page of its own: ${page.url()}`)
      const bar = page.locator('.title-bar').filter({ visible: true }).first()
      await bar.getByText('标注微信群').waitFor({ timeout: TIMEOUT })
      const back = bar.getByRole('button', { name: '返回' })
      const box = await back.boundingBox()
      if (!box || box.height < 48 || box.width < 48) throw new Error(`返回 is smaller than 48 px: ${JSON.stringify(box)}`)
      await screenshot('cadre-group-label-page')
      await back.click({ timeout: TIMEOUT })
      await see(page, '东胜村1组群')
      if (!page.url().includes('/groups/index')) throw new Error(`返回 did not lead to 群管理: ${page.url()}`)
      await screenshotBothModes(page, screenshot, 'cadre-groups-list-title-bar', () => see(page, '东胜村1组群'))

      // Opened with no group chosen, the page says so under the drawn empty picture.
      await page.goto(`${baseUrl}/#/packages/admin/pages/group-label/index`)
      await see(page, '请先选择微信群')
      const pictureLoaded = () => page.waitForFunction(() => [...document.querySelectorAll('.state-picture img')]
        .some((img) => img.offsetParent !== null && img.complete && img.naturalWidth > 0), null, { timeout: TIMEOUT })
      await pictureLoaded()
      await screenshotBothModes(page, screenshot, 'cadre-empty-state', async () => {
        await see(page, '请先选择微信群')
        await pictureLoaded()
      })
    },
  },
  {
    title: 'when the tab bar shows, then 首页, 学习, 答题 and 我的 each have an icon of their own',
    async run({ page, baseUrl, screenshot }) {
      await page.goto(`${baseUrl}/`)
      await see(page, '看通报')
      // The icons are small enough to be inlined as data: URLs, so the picture's bytes are its src; a file would differ by path.
      const icons = await page.evaluate(() => [...document.querySelectorAll('.weui-tabbar__item')]
        .filter((el) => el.offsetParent !== null)
        .map((item) => ({ label: item.textContent.trim(), src: item.querySelector('img')?.getAttribute('src') ?? '' })))
      const shown = icons.map((i) => ({ label: i.label, src: i.src.slice(0, 60), length: i.src.length }))
      if (icons.length !== 4) throw new Error(`expected four tabs: ${JSON.stringify(shown)}`)
      if (new Set(icons.map((i) => i.src)).size !== 4 || icons.some((i) => !i.src)) throw new Error(`tab icons are not four different pictures: ${JSON.stringify(shown)}`)
      const loaded = await page.evaluate(() => [...document.querySelectorAll('.weui-tabbar__item img')]
        .filter((img) => img.offsetParent !== null).every((img) => img.complete && img.naturalWidth === 81))
      if (!loaded) throw new Error('a tab icon did not load as an 81 px picture')
      await screenshotBothModes(page, screenshot, 'cadre-tab-icons', () => see(page, '看通报'))
    },
  },
]
