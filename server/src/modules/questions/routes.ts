import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context'

// Placeholder registered by the contract commit; the capability's routes replace it.
export default async function questionRoutes(_app: FastifyInstance, _opts: { ctx: AppContext }) {}
