// A lean HTTP/1.1 keep-alive client for the ingest and claim benchmarks. The load generator shares 2 cores with the server
// and PostgreSQL it measures, so every cycle it spends is taken from them: node:http's request and header objects
// cost about as much as the server's handling of a small POST. Here a request is built once, before the clock, as
// the bytes to write; sending it is one write to a node:net socket, one request in flight per connection as a
// phone sends them (no pipelining); an answer is its status and body as a Buffer, never parsed here.
const net = require('node:net')

const CRLF = Buffer.from('\r\n')
const HEAD_END = Buffer.from('\r\n\r\n')

/** The bytes of one request: request line, Host, JSON body with its type and length, bearer token. */
function serialize(host, method, path, body, token) {
  const text = body === undefined ? '' : JSON.stringify(body)
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host}`]
  if (text) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(text)}`)
  if (token) lines.push(`Authorization: Bearer ${token}`)
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${text}`)
}

/**
 * One whole response at the start of `data` as `{ status, body }`, or `{ needed }`: how many bytes must have
 * arrived before it is worth trying again. A body is framed by Content-Length or chunked; the server sends no other.
 */
function parseResponse(data) {
  const headEnd = data.indexOf(HEAD_END)
  if (headEnd < 0) return { needed: data.length + 1 }
  const head = data.toString('latin1', 0, headEnd).toLowerCase()
  const status = Number(head.slice(9, 12))
  const start = headEnd + HEAD_END.length
  if (/\r\ntransfer-encoding:[^\r]*chunked/.test(head)) return dechunk(data, start, status)
  const length = Number(/\r\ncontent-length: *(\d+)/.exec(head)?.[1] ?? 0)
  if (data.length < start + length) return { needed: start + length }
  return { status, body: data.subarray(start, start + length) }
}

/** A chunked body from `start`: hex size line, data, CRLF, … up to the zero-size chunk and its closing blank line. */
function dechunk(data, start, status) {
  const parts = []
  for (let at = start; ;) {
    const lineEnd = data.indexOf(CRLF, at)
    if (lineEnd < 0) return { needed: data.length + 1 }
    const size = parseInt(data.toString('latin1', at, lineEnd), 16) // parseInt stops at a ';' chunk extension
    if (Number.isNaN(size)) throw new Error('malformed chunk size in HTTP response')
    if (size === 0) {
      return data.indexOf(HEAD_END, lineEnd) < 0 ? { needed: data.length + 1 } : { status, body: Buffer.concat(parts) }
    }
    const dataStart = lineEnd + CRLF.length
    at = dataStart + size + CRLF.length
    if (data.length < at) return { needed: at }
    parts.push(data.subarray(dataStart, dataStart + size))
  }
}

class Connection {
  constructor(socket) {
    this.socket = socket
    this.pending = null
    this.chunks = []
    this.received = 0
    this.needed = 1
    this.broken = null
    socket.on('data', (chunk) => this.onData(chunk))
    socket.on('error', (error) => this.fail(error))
    socket.on('close', () => this.fail(new Error('connection closed')))
  }

  /** Writes `request` (from `serialize`) and resolves with the body of a 200; any other status rejects with the body text. */
  send(request) {
    return this.exchange(request).then(({ status, body }) => {
      if (status === 200) return body
      throw new Error(`${request.toString('latin1', 0, request.indexOf(' HTTP/1.1'))} → ${status} ${body}`)
    })
  }

  /** Writes `request` and resolves with the answer's `{ status, body }`, whatever its status. */
  exchange(request) {
    if (this.broken) return Promise.reject(this.broken)
    if (this.pending) return Promise.reject(new Error('a request is already in flight on this connection'))
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject }
      this.socket.write(request)
    })
  }

  onData(chunk) {
    this.chunks.push(chunk)
    this.received += chunk.length
    if (this.received < this.needed) return // a large body in several packets: join them once it is all here
    const data = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks, this.received)
    this.chunks = [data]
    let response
    try {
      response = parseResponse(data)
    } catch (error) {
      this.socket.destroy(error)
      return
    }
    if (response.needed) {
      this.needed = response.needed
      return
    }
    // One request in flight, so nothing can follow its answer on the wire.
    this.chunks = []
    this.received = 0
    this.needed = 1
    const pending = this.pending
    this.pending = null
    pending?.resolve({ status: response.status, body: response.body })
  }

  fail(error) {
    this.broken ??= error
    const pending = this.pending
    this.pending = null
    pending?.reject(error)
  }

  close() {
    this.broken ??= new Error('connection closed by the client')
    this.socket.destroy()
  }
}

function openConnection(host, port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, noDelay: true })
    socket.once('error', reject)
    socket.once('connect', () => {
      socket.off('error', reject)
      resolve(new Connection(socket))
    })
  })
}

/**
 * A client of `base` (http://host:port): `request(method, path, body?, token?)` builds the bytes of a request;
 * `connect(count)` opens that many keep-alive connections, whose `send(bytes)` resolves with the answer's body.
 */
function rawHttp(base) {
  const { hostname, port, host } = new URL(base)
  return {
    request: (method, path, body, token) => serialize(host, method, path, body, token),
    connect: (count) => Promise.all(Array.from({ length: count }, () => openConnection(hostname, Number(port)))),
  }
}

module.exports = { rawHttp }
