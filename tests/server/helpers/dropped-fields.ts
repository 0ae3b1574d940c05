import type { FastifyInstance } from 'fastify'
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'

/**
 * Watches the answers an app sends: a field the service returned but the route's 200 schema does not declare is
 * silently dropped by the serializer, so the client never sees it. Returns where such fields were, e.g.
 * `GET /api/households/:id .household.geo`.
 */
export function watchDroppedFields(app: FastifyInstance): string[] {
  const dropped: string[] = []
  app.addHook('preSerialization', async (request, reply, payload) => {
    const schema = (request.routeOptions.schema?.response as Record<number, TSchema> | undefined)?.[reply.statusCode]
    if (!schema || typeof payload !== 'object' || payload === null) return payload
    const plain: unknown = JSON.parse(JSON.stringify(payload))
    const kept = Value.Clean(schema, Value.Clone(plain))
    for (const path of missingPaths(plain, kept, '')) dropped.push(`${request.method} ${request.routeOptions.url} ${path}`)
    return payload
  })
  return dropped
}

function missingPaths(sent: unknown, kept: unknown, at: string): string[] {
  if (typeof sent !== 'object' || sent === null || typeof kept !== 'object' || kept === null) return []
  return Object.entries(sent).flatMap(([key, value]) => {
    const path = Array.isArray(sent) ? `${at}[${key}]` : `${at}.${key}`
    if (!(key in kept)) return [path]
    return missingPaths(value, (kept as Record<string, unknown>)[key], path)
  })
}
