import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getByRole, getByText, waitFor } from '@testing-library/dom'

/** The H5 shell template as html-webpack-plugin fills it; only its <body> matters here. */
const template = readFileSync(join(__dirname, '../../src/index.html'), 'utf8')

describe('the H5 shell before any script runs', () => {
  beforeEach(() => { document.body.innerHTML = template.slice(template.indexOf('<body>') + 6, template.indexOf('</body>')) })

  it('when the HTML alone has arrived, then it names the app, says 正在加载… and offers 96110 to dial', () => {
    expect(getByText(document.body, '反诈宣防通')).toBeTruthy()
    expect(getByText(document.body, '正在加载…')).toBeTruthy()
    expect(getByRole(document.body, 'link', { name: '反诈专线 96110' }).getAttribute('href')).toBe('tel:96110')
  })

  it('when an older person pinches the page, then the browser may zoom it (no user-scalable=no or maximum-scale)', () => {
    const viewport = /<meta content="([^"]*)" name="viewport">/.exec(template)?.[1] ?? ''
    expect(viewport).toContain('width=device-width')
    expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)|maximum-scale/)
  })

  it('when the screen is drawn, then it uses no inline event handler (the CSP allows inline scripts only by their hash)', () => {
    expect(document.body.innerHTML).not.toMatch(/\son[a-z]+=/i)
  })
})

describe('the H5 shell\'s own script, before the app\'s code arrives', () => {
  const runShellScript = () => {
    const script = document.body.querySelector('script')?.textContent ?? ''
    new Function(script)() // the shell's inline script, as the browser runs it
  }
  const bulletin = {
    id: '5f0c7a3e-2b1d-4c8e-9a6f-0d1e2f3a4b5c', title: '12月6日 警情通报', bulletinDate: '2026-12-06', stationName: '柏林派出所',
    cases: [{ victimProfile: '某村 70岁 男性', method: '冒充客服说快递丢了要理赔', warning: '客服不会让您转账' }], advice: '陌生来电先挂断',
  }

  beforeEach(() => {
    document.body.innerHTML = template.slice(template.indexOf('<body>') + 6, template.indexOf('</body>'))
    localStorage.clear()
  })
  afterEach(() => { window.location.hash = '' })

  it('when the home is opened, then 看通报, 学防骗 and 每日答题 are links to their pages', () => {
    window.location.hash = ''
    runShellScript()
    expect(getByRole(document.body, 'link', { name: '看通报' }).getAttribute('href')).toBe('#/pages/bulletins/index')
    expect(getByRole(document.body, 'link', { name: '学防骗' }).getAttribute('href')).toBe('#/pages/learn/index')
    expect(getByRole(document.body, 'link', { name: '每日答题' }).getAttribute('href')).toBe('#/pages/quiz/index')
  })

  it('when a shared bulletin link is opened, then the bulletin\'s title and words are fetched and shown, and nothing of the home', async () => {
    window.location.hash = `#/pages/bulletin/index?id=${bulletin.id}&share=abc`
    const fetchBulletin = jest.fn((_url: string) => Promise.resolve({ ok: true, json: () => Promise.resolve(bulletin) }))
    Object.assign(globalThis, { fetch: fetchBulletin })
    runShellScript()
    await waitFor(() => expect(getByText(document.body, bulletin.title)).toBeTruthy())
    expect(fetchBulletin.mock.calls[0][0]).toBe(`/api/public/bulletins/${bulletin.id}`)
    expect(document.body.textContent).toContain('冒充客服说快递丢了要理赔')
    expect(document.body.textContent).toContain('警方提醒：陌生来电先挂断')
    expect(document.body.querySelector('nav')).toBeNull()
  })

  it('when 关怀模式 was chosen on this phone, then the shell is drawn in larger type', () => {
    localStorage.setItem('xuanfang.careMode', JSON.stringify({ data: true }))
    runShellScript()
    expect(document.body.querySelector('.boot-shell')?.classList.contains('boot-shell--care')).toBe(true)
  })
})
