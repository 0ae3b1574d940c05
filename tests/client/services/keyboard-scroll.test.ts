import { makeScrollRegionsFocusable } from '@/services/keyboard-scroll'

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('scroll regions reachable by keyboard (H5)', () => {
  it('when Taro adds a page and a page adds a scrolling table, then both take focus in tab order', async () => {
    const root = document.createElement('div')
    document.body.appendChild(root)
    makeScrollRegionsFocusable(root)

    const page = document.createElement('div')
    page.className = 'taro_page'
    root.appendChild(page)
    const table = document.createElement('div')
    table.className = 'reach-table scroll-region'
    page.appendChild(table)
    await flush()

    expect(page.getAttribute('tabindex')).toBe('0')
    expect(table.getAttribute('tabindex')).toBe('0')
  })

  it('when a region already chose its own tab order, then it is left as it was', async () => {
    const root = document.createElement('div')
    const page = document.createElement('div')
    page.className = 'taro_page'
    page.tabIndex = -1
    root.appendChild(page)
    makeScrollRegionsFocusable(root)
    await flush()

    expect(page.getAttribute('tabindex')).toBe('-1')
  })
})
