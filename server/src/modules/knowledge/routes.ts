import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInRoutes } from '../../plugins/route-groups'
import { contractSchema, ErrorResponse } from '../../plugins/schemas'
import { isKnowledgeFraudType } from '#core/knowledge'

const TAGS = ['防骗知识']
/** An admin's correction should reach residents within minutes; the text changes rarely otherwise. */
const PUBLIC_CACHE = 'public, max-age=60'
/** The H5 app's learn page; the app is served from the root with hash routing. */
const LEARN_PAGE = '/#/pages/learn/index'

export default async function knowledgeRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const knowledge = services.knowledge
  const posters = services.learnPosters

  app.get('/api/public/knowledge', {
    schema: { tags: TAGS, summary: '防骗知识：各类诈骗的简介（无需登录）', ...contractSchema('GET /api/public/knowledge', {}) },
  }, async (_req, reply) => {
    reply.header('cache-control', PUBLIC_CACHE)
    return knowledge.cards()
  })

  app.get('/api/public/knowledge/:fraudType', {
    schema: {
      tags: TAGS,
      summary: '一类诈骗的识别要点、典型话术、防范提示，以及相关的警情通报（无需登录）',
      ...contractSchema('GET /api/public/knowledge/:fraudType', { 400: ErrorResponse, 404: ErrorResponse }),
    },
  }, async (req, reply) => {
    const article = await knowledge.article(req.params.fraudType)
    reply.header('cache-control', PUBLIC_CACHE)
    return article
  })

  await signedInRoutes(app, (signedIn) => {
    signedIn.put('/api/knowledge/:fraudType', {
      schema: {
        tags: TAGS,
        summary: '修改一类诈骗的防骗知识（管理员，全区县通用）',
        ...contractSchema('PUT /api/knowledge/:fraudType'),
      },
    }, (req) => knowledge.write(callerOf(req), req.params.fraudType, req.body))

    signedIn.get('/api/knowledge/posters', {
      schema: {
        tags: TAGS,
        summary: '扫码学习海报打印页数据：每类骗局一张（简介、前 3 条防范提示、二维码），可另加学习路径海报',
        ...contractSchema('GET /api/knowledge/posters'),
      },
    }, (req) => posters.sheet(callerOf(req), {
      fraudTypes: (req.query.fraudTypes ?? '').split(',').filter(Boolean),
      path: req.query.path ?? false,
    }))
  })

  // The addresses printed in poster QR codes: hand them to the H5 learn page, open on the type when there is one.
  app.get('/k', { schema: { hide: true } }, (_req, reply) => reply.redirect(LEARN_PAGE, 302))
  app.get('/k/:fraudType', {
    schema: { hide: true, params: Type.Object({ fraudType: Type.String() }) },
  }, (req, reply) => {
    const { fraudType } = req.params
    return reply.redirect(isKnowledgeFraudType(fraudType) ? `${LEARN_PAGE}?type=${fraudType}` : LEARN_PAGE, 302)
  })
}
