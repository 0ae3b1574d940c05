import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getByRole, getByText } from '@testing-library/dom'

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

  it('when the screen is drawn, then it needs no inline script the CSP would have to allow', () => {
    expect(document.body.querySelectorAll('script')).toHaveLength(0)
    expect(document.body.innerHTML).not.toMatch(/\son[a-z]+=/i)
  })
})
