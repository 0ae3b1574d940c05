import type {
  FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault,
} from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
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

/** For a module whose routes are partly public: its signed-in routes, declared together in a scope of their own. */
export async function signedInRoutes(
  app: FastifyInstance,
  declare: (signedIn: FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>) => void,
): Promise<void> {
  await app.register(async (scope) => {
    signedInOnly(scope)
    declare(scope.withTypeProvider<TypeBoxTypeProvider>())
  })
}
