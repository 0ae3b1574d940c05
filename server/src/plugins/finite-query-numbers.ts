import type { FastifyInstance } from 'fastify'
import { AppError } from '../errors'

interface QuerySchema {
  properties?: Record<string, { type?: string }>
}

/**
 * Ajv coerces a query value of 310 digits (or "1e400") to Infinity and then skips minimum/maximum for it, so
 * `page=999…9` would pass validation and reach OFFSET as Infinity. Numeric query fields must be finite numbers.
 */
export function refuseInfiniteQueryNumbers(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const properties = (request.routeOptions.schema?.querystring as QuerySchema | undefined)?.properties
    if (!properties || !request.query || typeof request.query !== 'object') return
    for (const [field, value] of Object.entries(request.query as Record<string, unknown>)) {
      const type = properties[field]?.type
      if ((type === 'integer' || type === 'number') && typeof value === 'string' && Math.abs(Number(value)) === Infinity) {
        throw new AppError('VALIDATION_FAILED', 400, `查询参数字段 ${field} 不符合要求`, [{ path: `/${field}`, keyword: 'maximum' }])
      }
    }
  })
}
