import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context'

export default async function activitiesRoutes(_app: FastifyInstance, _opts: { ctx: AppContext }) {}
