import type { FastifyInstance } from 'fastify'
import { Health, Readiness } from '#contract/health'
import type { RouteDeps } from '../../composition'
import { contractSchema } from '../../plugins/schemas'

export default async function healthRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const health = services.health
  app.addHook('preClose', async () => health.markClosing())

  app.get('/api/health/live', {
    schema: { tags: ['系统'], summary: '存活检查：进程在运行并能应答（不查数据库），失败时应重启该进程', ...contractSchema('GET /api/health/live', {}) },
  }, async () => ({ status: 'ok' as const }))

  app.get('/api/health/ready', {
    schema: {
      tags: ['系统'],
      summary: '就绪检查：数据库可达、结构为最新且未在关闭，反向代理据此决定是否转发请求',
      ...contractSchema('GET /api/health/ready', { 503: Readiness }),
    },
  }, async (req, reply) => {
    const readiness = await health.readiness((e) => req.log.warn({ err: e }, 'readiness check: database unreachable'))
    return readiness.ready ? readiness : reply.status(503).send(readiness)
  })

  app.get('/api/health', {
    schema: { tags: ['系统'], summary: '健康检查：数据库可达性与版本', ...contractSchema('GET /api/health', { 503: Health }) },
  }, async (req, reply) => {
    const answer = await health.health((e) => req.log.warn({ err: e }, 'health check: database unreachable'))
    return answer.status === 'ok' ? answer : reply.status(503).send(answer)
  })
}
