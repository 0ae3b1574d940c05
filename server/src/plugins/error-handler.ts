import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ERRORS, type ErrorBody, type ErrorCode } from '#core/errors'
import { TIMESTAMP_EXAMPLE, TIMESTAMP_MAX_YEAR, TIMESTAMP_MIN_YEAR } from '#core/timestamp'
import { AppError } from '../errors'
import { redactUrl } from './log-redaction'

/** Fastify's own error codes for bad requests, mapped onto ours. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; status: number }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', status: 400 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', status: 400 },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', status: 413 },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', status: 400 },
  FST_ERR_VALIDATION: { code: 'VALIDATION_FAILED', status: 400 },
}

const FIELD_LABELS: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' }

function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0]
  if (!first) return ERRORS.VALIDATION_FAILED
  const where = FIELD_LABELS[error.validationContext ?? ''] ?? '请求'
  const field = (first.instancePath || '').replace(/^\//, '').replace(/\//g, '.')
  const missing = (first.params as { requiredProperties?: string[]; missingProperty?: string } | undefined)
  const missingName = missing?.missingProperty ?? missing?.requiredProperties?.[0]
  if (first.keyword === 'required' && missingName) return `${where}缺少字段 ${field ? `${field}.` : ''}${missingName}`
  if (first.keyword === 'format' && (first.params as { format?: string }).format === 'date-time') {
    return `${where}${field ? `字段 ${field} ` : ''}的时间格式应为带时区的 ISO 8601（如 ${TIMESTAMP_EXAMPLE}），年份在 ${TIMESTAMP_MIN_YEAR}–${TIMESTAMP_MAX_YEAR} 之间`
  }
  return `${where}${field ? `字段 ${field} ` : ''}不符合要求`
}

/**
 * Errors the router raises before any route or error handler runs (undecodable URL, over-long path parameter):
 * passed to Fastify as `frameworkErrors` so that they too leave as Chinese `{ code, message }`.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400
  request.log.info({ code: error.code, status }, 'request rejected by the router')
  const body: ErrorBody = status === 414
    ? { code: 'BAD_REQUEST', message: '请求地址过长' }
    : error.code === 'FST_ERR_BAD_URL' ? { code: 'URL_MALFORMED', message: ERRORS.URL_MALFORMED } : { code: 'BAD_REQUEST', message: ERRORS.BAD_REQUEST }
  return reply.status(status).send(body)
}

/**
 * Every failure leaves as `{ code, message }` with a Chinese message. Anything unexpected becomes a 500
 * that names only the request id; the details go to the log, never to the caller.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status: number
    let body: ErrorBody
    if (error instanceof AppError) {
      status = error.statusCode
      body = { code: error.code, message: error.message, ...(error.details !== undefined && { details: error.details }) }
    } else if (error.validation) {
      status = 400
      body = { code: 'VALIDATION_FAILED', message: validationMessage(error), details: error.validation.slice(0, 5).map((v) => ({ path: v.instancePath, keyword: v.keyword })) }
    } else if (error.code && FASTIFY_CODES[error.code]) {
      const known = FASTIFY_CODES[error.code]
      status = known.status
      body = { code: known.code, message: ERRORS[known.code] }
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode
      body = { code: status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST', message: status === 429 ? ERRORS.RATE_LIMITED : ERRORS.BAD_REQUEST }
    } else {
      request.log.error({ err: error }, 'unhandled error')
      status = 500
      body = { code: 'INTERNAL', message: ERRORS.INTERNAL, requestId: String(request.id) }
    }
    if (status >= 500 && !body.requestId) body.requestId = String(request.id)
    else if (status < 500) request.log.info({ code: body.code, status }, 'request rejected')
    return reply.status(status).send(body)
  })

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { code: 'NOT_FOUND', message: ERRORS.NOT_FOUND }
    request.log.info({ url: redactUrl(request.url) }, 'not found')
    return reply.status(404).send(body)
  })
}
