// Six zip bombs at once against the household import (the attack of issue 15: a 479 KB .xlsx inflating to
// 480 MB): the server's peak RSS (VmHWM from /proc), each bomb's answer, and /api/health's latency meanwhile.
const { readFileSync } = require('node:fs')
const { createDeflateRaw, crc32 } = require('node:zlib')
const { freshPgDatabase, startServer, signedInUser, percentile, round } = require('./server-harness')
const pg = require('pg')

const INFLATED_MB = 480
const BOMBS = 6
const COUNTY = '900004'

/** A one-entry zip whose entry inflates to `megabytes` of zeros, deflated in chunks so that the bench stays small. */
async function aBomb(megabytes) {
  const chunk = Buffer.alloc(1024 * 1024)
  let crc = 0
  const deflated = []
  const deflate = createDeflateRaw({ level: 9 })
  deflate.on('data', (d) => deflated.push(d))
  const done = new Promise((r) => deflate.on('end', r))
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(chunk, crc)
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r))
  }
  deflate.end()
  await done
  const data = Buffer.concat(deflated)
  const name = Buffer.from('xl/worksheets/sheet1.xml')
  const size = megabytes * 1024 * 1024
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8); local.writeUInt32LE(crc >>> 0, 14)
  local.writeUInt32LE(data.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10)
  central.writeUInt32LE(crc >>> 0, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(size, 24); central.writeUInt16LE(name.length, 28)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + name.length, 12); end.writeUInt32LE(local.length + name.length + data.length, 16)
  return Buffer.concat([local, name, data, central, name, end])
}

function multipart(file) {
  const boundary = '----bench-bomb'
  return {
    body: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="households.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  }
}

const memoryOf = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1])
  return { rssMB: Math.round(kb('VmRSS') / 1024), peakMB: Math.round(kb('VmHWM') / 1024) }
}

exports.run = async () => {
  const bomb = await aBomb(INFLATED_MB)
  const database = await freshPgDatabase('bench_bombs')
  const server = await startServer({ DATABASE_URL: database.url })
  try {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    await client.query(`INSERT INTO regions (id, parent_id, level, name, path, county_id) VALUES ('${COUNTY}', NULL, 'county', '压测区', '/${COUNTY}/', '${COUNTY}')`)
    const admin = await signedInUser((...args) => client.query(...args), 'admin', COUNTY)
    await client.end()
    const before = memoryOf(server.pid)
    const { body, type } = multipart(bomb)
    let uploading = true
    const healthMs = []
    const probing = (async () => {
      while (uploading) {
        const started = performance.now()
        await fetch(`${server.base}/api/health`)
        healthMs.push(performance.now() - started)
        await new Promise((r) => setTimeout(r, 20))
      }
    })()
    const started = performance.now()
    const answers = await Promise.all(Array.from({ length: BOMBS }, async () => {
      const res = await fetch(`${server.base}/api/households/import`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}`, 'content-type': type }, body })
      return `${res.status} ${(await res.json()).code}`
    }))
    const seconds = (performance.now() - started) / 1000
    uploading = false
    await probing
    const after = memoryOf(server.pid)
    healthMs.sort((a, b) => a - b)
    const figures = {
      bombKB: Math.round(bomb.length / 1024), inflatesToMB: INFLATED_MB, bombs: BOMBS, answers,
      allAnsweredSeconds: round(seconds, 2), rssBeforeMB: before.rssMB, rssAfterMB: after.rssMB, peakRssMB: after.peakMB,
      healthChecks: healthMs.length, healthMedianMs: round(percentile(healthMs, 50)), healthMaxMs: round(healthMs[healthMs.length - 1] ?? 0),
    }
    console.log(figures)
    return figures
  } finally {
    await server.stop()
    await database.drop()
  }
}
