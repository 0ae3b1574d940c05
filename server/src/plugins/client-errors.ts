import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { ERRORS, type ErrorBody } from '#core/errors'

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers over the size limit, a request line
 * it cannot parse, a client too slow to send its headers). Fastify would answer those in English
 * (`{"error","message","statusCode"}`); this answers them like every other error: `{ code, message }` in Chinese.
 */
export function clientErrorHandler(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket) {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, body] = answerFor(error.code)
  this.log.info({ code: error.code, status }, 'request refused by the HTTP parser')
  if (socket.writable) {
    const json = JSON.stringify(body)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${json}`,
    )
  }
  socket.destroy(error)
}

function answerFor(code: string | undefined): [number, ErrorBody] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, { code: 'HEADERS_TOO_LARGE', message: ERRORS.HEADERS_TOO_LARGE }]
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, { code: 'BAD_REQUEST', message: '请求超时，请重试' }]
  if (code === 'HPE_INVALID_URL') return [400, { code: 'URL_MALFORMED', message: ERRORS.URL_MALFORMED }]
  return [400, { code: 'BAD_REQUEST', message: ERRORS.BAD_REQUEST }]
}
