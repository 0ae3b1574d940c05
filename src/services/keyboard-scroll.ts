/**
 * H5 only. Each Taro page, and any block marked `scroll-region`, scrolls inside itself; a keyboard or switch-access
 * user can scroll such a region only once it can take focus (WCAG 2.1.1, axe's scrollable-region-focusable). Taro
 * creates the page elements itself, so they are given a tab stop as they appear.
 */
const SCROLL_REGIONS = '.taro_page, .scroll-region'

export function makeScrollRegionsFocusable(root: HTMLElement = document.body): void {
  const mark = () => {
    for (const region of Array.from(root.querySelectorAll<HTMLElement>(SCROLL_REGIONS))) {
      if (!region.hasAttribute('tabindex')) region.tabIndex = 0
    }
  }
  mark()
  new MutationObserver(mark).observe(root, { childList: true, subtree: true })
}
