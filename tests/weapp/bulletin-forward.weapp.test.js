// Issue 17, point 6: after 发布 the editor offers 转发到平安群. In the weapp that is a share button (open-type="share")
// whose card opens the bulletin's resident page, never the editor. What the simulator cannot show: WeChat's share sheet.
const { MiniProgram, signedInStorage } = require('./harness/launch')
const { settle } = require('./harness/page-matrix')
const { seededIds } = require('./harness/fixtures')

let mp
afterEach(() => mp?.shutdown())

test('when the police open a published bulletin in the editor, then 转发到平安群 shares the bulletin\'s resident page', async () => {
  const { bulletinId } = await seededIds()

  mp = new MiniProgram({ storage: await signedInStorage('police') })
  await mp.launch({ path: 'packages/admin/pages/bulletin-edit/index', query: { id: bulletinId } })
  await mp.page.waitForText('转发到平安群')
  await settle(mp)

  const shared = mp.page.instance.onShareAppMessage({ from: 'button' })
  expect(shared.path).toBe(`/pages/bulletin/index?id=${bulletinId}`)
  expect(mp.page.text()).not.toContain('复制链接')
})
