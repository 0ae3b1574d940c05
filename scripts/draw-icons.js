// Draws the tab bar icons and the empty / error illustrations as PNGs from the SVGs below, with resvg, so that
// they can be redrawn the same way: `node scripts/draw-icons.js`. The PNGs are committed (weapp tab icons must be
// PNG or JPG, ≤ 40 KB); the SVG sources sit beside them in src/assets for review.
// Each tab's selected icon is filled and its other icon an outline: the open tab is told by shape, not colour alone.
const fs = require('node:fs')
const path = require('node:path')
const { Resvg } = require('@resvg/resvg-js')

const ASSETS = path.join(__dirname, '..', 'src', 'assets')
const OFF = '#555555' // tabBar.color in app.config.ts
const ON = '#c62828' // tabBar.selectedColor

/** 24×24 drawings: `outline` for a tab at rest, `filled` for the open tab. */
const TABS = {
  home: {
    outline: (c) => `<path d="M3 11 12 3.5 21 11" fill="none" stroke="${c}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>
      <path d="M5.5 9.5V20h13V9.5" fill="none" stroke="${c}" stroke-width="2" stroke-linejoin="round"/>
      <path d="M10 20v-5.5h4V20" fill="none" stroke="${c}" stroke-width="2" stroke-linejoin="round"/>`,
    filled: (c) => `<path d="M12 2.7 2.3 10.8a1 1 0 0 0 1.3 1.5l.9-.8V20a1 1 0 0 0 1 1h4.5v-6.5h4V21h4.5a1 1 0 0 0 1-1v-8.5l.9.8a1 1 0 0 0 1.3-1.5Z" fill="${c}"/>`,
  },
  learn: {
    outline: (c) => `<path d="M12 6.5C10 5 7 4.5 3.5 5v13c3.5-.5 6.5 0 8.5 1.5 2-1.5 5-2 8.5-1.5V5C17 4.5 14 5 12 6.5Z" fill="none" stroke="${c}" stroke-width="2" stroke-linejoin="round"/>
      <path d="M12 6.5v13" stroke="${c}" stroke-width="2"/>`,
    filled: (c) => `<path d="M11 5.7C9 4.4 6.2 4 2.8 4.4a1 1 0 0 0-.8 1V18.6a1 1 0 0 0 1.1 1c3.2-.4 5.8 0 7.9 1.3Z" fill="${c}"/>
      <path d="M13 5.7c2-1.3 4.8-1.7 8.2-1.3a1 1 0 0 1 .8 1V18.6a1 1 0 0 1-1.1 1c-3.2-.4-5.8 0-7.9 1.3Z" fill="${c}"/>`,
  },
  quiz: {
    outline: (c) => `<rect x="4.5" y="3.5" width="15" height="17.5" rx="2" fill="none" stroke="${c}" stroke-width="2"/>
      <path d="m8 9 1.6 1.6L12.5 7.5M8 15.5l1.6 1.6 2.9-3.1" fill="none" stroke="${c}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>
      <path d="M14.5 9.5H17M14.5 16H17" stroke="${c}" stroke-width="2" stroke-linecap="round"/>`,
    filled: (c) => `<rect x="3.5" y="2.5" width="17" height="19.5" rx="2.5" fill="${c}"/>
      <path d="m7.5 8.8 1.8 1.8 3.2-3.3M7.5 15.5l1.8 1.8 3.2-3.3" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>
      <path d="M14.8 9.5h2.4M14.8 16h2.4" stroke="#fff" stroke-width="2" stroke-linecap="round"/>`,
  },
  me: {
    outline: (c) => `<circle cx="12" cy="8" r="4" fill="none" stroke="${c}" stroke-width="2"/>
      <path d="M4 21c.6-4.2 3.9-7 8-7s7.4 2.8 8 7" fill="none" stroke="${c}" stroke-width="2" stroke-linecap="round"/>`,
    filled: (c) => `<circle cx="12" cy="7.5" r="4.8" fill="${c}"/>
      <path d="M3 21.2C3.6 16.3 7.4 13 12 13s8.4 3.3 9 8.2a.8.8 0 0 1-.8.8H3.8a.8.8 0 0 1-.8-.8Z" fill="${c}"/>`,
  },
}

/** 160×160 drawings for page-state: soft shapes in the app's colours, no words (the block's title says it). */
const STATES = {
  // An open, empty box.
  empty: `<ellipse cx="80" cy="132" rx="58" ry="9" fill="#eeeeee"/>
    <path d="M30 70h100v52a6 6 0 0 1-6 6H36a6 6 0 0 1-6-6Z" fill="#f5f5f5" stroke="#9e9e9e" stroke-width="4" stroke-linejoin="round"/>
    <path d="M30 70 46 44h68l16 26" fill="#fafafa" stroke="#9e9e9e" stroke-width="4" stroke-linejoin="round"/>
    <path d="M30 70h32c0 10 8 16 18 16s18-6 18-16h32" fill="none" stroke="#9e9e9e" stroke-width="4" stroke-linejoin="round"/>
    <path d="M62 30l-6-10M80 26V14M98 30l6-10" stroke="#bdbdbd" stroke-width="4" stroke-linecap="round"/>`,
  // A cloud cut off from its signal, with a warning mark.
  error: `<ellipse cx="80" cy="136" rx="58" ry="9" fill="#eeeeee"/>
    <path d="M46 108a24 24 0 0 1-2-48 30 30 0 0 1 57-8 22 22 0 0 1 16 42v14Z" fill="#f5f5f5" stroke="#9e9e9e" stroke-width="4" stroke-linejoin="round"/>
    <circle cx="110" cy="104" r="22" fill="#c62828"/>
    <path d="M110 92v14" stroke="#fff" stroke-width="5" stroke-linecap="round"/>
    <circle cx="110" cy="115" r="3" fill="#fff"/>`,
}

const svg = (size, body) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>\n`
const tabSvg = (body) => `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="-1.5 -1.5 27 27">${body}</svg>\n`

function write(file, source, width) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file.replace(/\.png$/, '.svg'), source)
  const png = new Resvg(source, { fitTo: { mode: 'width', value: width } }).render().asPng()
  fs.writeFileSync(file, png)
  console.log(`${path.relative(process.cwd(), file)} ${png.length} B`)
}

for (const [name, drawing] of Object.entries(TABS)) {
  write(path.join(ASSETS, 'tab', `${name}.png`), tabSvg(drawing.outline(OFF)), 81)
  write(path.join(ASSETS, 'tab', `${name}-on.png`), tabSvg(drawing.filled(ON)), 81)
}
// Rendered 240 px wide for a picture shown 100 CSS px wide (page-state), sharp enough on 2–3× screens.
for (const [name, body] of Object.entries(STATES)) write(path.join(ASSETS, 'state', `${name}.png`), svg(160, body), 240)
