// After `taro build --type h5`: writes .br and .gz beside every text asset, so the server sends the smallest file
// the phone accepts (@fastify/static preCompressed) without compressing on each request. Brotli at its highest
// quality takes seconds here, once per build, and saves ~15% over gzip on Slow 3G.
const { readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs')
const path = require('node:path')
const zlib = require('node:zlib')

const dir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist', 'h5'))
// index.html is left to @fastify/compress: it changes with every build and must never be cached.
const TEXT = /\.(js|css|svg|json|txt|map|webmanifest)$/
const MIN_BYTES = 1024 // below one packet compression saves nothing

function* files(d) {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, entry.name)
    if (entry.isDirectory()) yield* files(p)
    else if (TEXT.test(entry.name) && statSync(p).size >= MIN_BYTES) yield p
  }
}

let count = 0; let raw = 0; let br = 0
for (const file of files(dir)) {
  const bytes = readFileSync(file)
  const brotli = zlib.brotliCompressSync(bytes, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  } })
  writeFileSync(`${file}.br`, brotli)
  writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }))
  count++; raw += bytes.length; br += brotli.length
}
console.log(`precompressed ${count} files in ${path.relative(process.cwd(), dir) || '.'}: ${raw} B → ${br} B brotli`)
