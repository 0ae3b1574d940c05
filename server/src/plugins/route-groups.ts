import type { FastifyInstance } from 'fastify'
import { BEARER } from './schemas'

/**
 * Declares, once for a group of routes, that they need a signed-in caller: every route declared in this scope
 * afterwards runs requireUser before its handler and shows the lock in /api/docs. Role checks stay per route.
 * Call it first thing in a route plugin (or in a scope the plugin registers for its signed-in routes).
 */
export function signedInOnly(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, security: BEARER }
  })
  scope.addHook('preHandler', scope.requireUser)
}
