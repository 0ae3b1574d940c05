// A page that logs console.error (React warnings, a caught-and-logged crash) or a WXML template warning fails its
// test even when it still renders: the issue asks for pages that load without any error logged. WeChat's template
// runtime reports a missing template ("Template `tmpl_0_i` not found") through console.warn and then draws nothing
// there; Taro reports an API the base library lacks as "小程序暂不支持 X". Both count as errors here.
const FATAL_WARNINGS = [/Template `[^`]+` not found/, /小程序暂不支持/]
let logged = []

beforeEach(() => { logged = [] })

const describe = (args) => args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')
// Jest would print each message with a code frame of the minified line it came from (hundreds of KB); a short
// first line says enough.
const short = (text) => text.split('\n')[0].slice(0, 300)
const print = (label, text) => process.stderr.write(`  [${label}] ${short(text)}\n`)

console.error = (...args) => {
  const text = describe(args)
  logged.push(text.slice(0, 1500))
  print('console.error', text)
}

console.warn = (...args) => {
  const text = describe(args)
  if (FATAL_WARNINGS.some((re) => re.test(text))) logged.push(short(text))
  print('console.warn', text)
}

afterEach(() => {
  const errors = logged
  logged = []
  if (errors.length) throw new Error(`the page logged errors:\n${errors.join('\n').slice(0, 4000)}`)
})

console.log = (...args) => print('console.log', describe(args))
