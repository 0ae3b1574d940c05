import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteDeps } from '../../composition'
import { callerOf } from '../../plugins/auth'
import { signedInRoutes } from '../../plugins/route-groups'
import { Uuid } from '#contract/common'
import { COMMON_ERRORS, contractSchema, ErrorResponse } from '../../plugins/schemas'

const TAGS = ['警情通报']
const AUTHORING_ERRORS = { ...COMMON_ERRORS, 409: ErrorResponse }
const PUBLIC_ERRORS = { 400: ErrorResponse, 404: ErrorResponse, 410: ErrorResponse }
/** Residents reload often and a retraction must take effect soon: a minute of caching is the compromise. */
const PUBLIC_CACHE = 'public, max-age=60'

export default async function bulletinRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const bulletins = services.bulletins

  await signedInRoutes(app, (signedIn) => {
    signedIn.get('/api/bulletins/manage', {
      schema: {
        tags: TAGS,
        summary: '辖区内的通报（含草稿、定时和已撤回），按通报日期倒序',
        ...contractSchema('GET /api/bulletins/manage'),
      },
    }, (req) => bulletins.list(callerOf(req), req.query))

    signedIn.post('/api/bulletins', {
      schema: {
        tags: TAGS,
        summary: '新建通报（草稿）',
        ...contractSchema('POST /api/bulletins'),
      },
    }, (req) => bulletins.create(callerOf(req), req.body))

    signedIn.get('/api/bulletins/:id', {
      schema: { tags: TAGS, summary: '通报详情（任何状态）', ...contractSchema('GET /api/bulletins/:id') },
    }, (req) => bulletins.get(callerOf(req), req.params.id))

    signedIn.put('/api/bulletins/:id', {
      schema: {
        tags: TAGS,
        summary: '修改通报：草稿直接修改；已发布或定时的通报生成新版本',
        ...contractSchema('PUT /api/bulletins/:id', AUTHORING_ERRORS),
      },
    }, (req) => bulletins.edit(callerOf(req), req.params.id, req.body))

    signedIn.post('/api/bulletins/:id/publish', {
      schema: {
        tags: TAGS,
        summary: '发布通报：立即发布，或定时发布（时间到后居民即可看到）',
        ...contractSchema('POST /api/bulletins/:id/publish', AUTHORING_ERRORS),
      },
    }, (req) => bulletins.publish(callerOf(req), req.params.id, req.body.at))

    signedIn.post('/api/bulletins/:id/retract', {
      schema: {
        tags: TAGS,
        summary: '撤回通报（须填写原因），居民端随即不可见',
        ...contractSchema('POST /api/bulletins/:id/retract', AUTHORING_ERRORS),
      },
    }, (req) => bulletins.retract(callerOf(req), req.params.id, req.body.reason))

    signedIn.get('/api/bulletins/:id/versions', {
      schema: {
        tags: TAGS,
        summary: '通报的各个版本及编辑人，最新的在前',
        ...contractSchema('GET /api/bulletins/:id/versions'),
      },
    }, (req) => bulletins.versions(callerOf(req), req.params.id))
  })

  app.get('/api/public/bulletins', {
    schema: {
      tags: TAGS,
      summary: '已发布的通报，最新的在前（无需登录）',
      ...contractSchema('GET /api/public/bulletins', { 400: ErrorResponse }),
    },
  }, async (req, reply) => {
    const page = await bulletins.publishedList(req.query.page, req.query.pageSize)
    reply.header('cache-control', PUBLIC_CACHE)
    return page
  })

  app.get('/api/public/bulletins/:id', {
    schema: {
      tags: TAGS,
      summary: '已发布通报的详情（无需登录）；未发布为 404，已撤回为 410',
      ...contractSchema('GET /api/public/bulletins/:id', PUBLIC_ERRORS),
    },
  }, async (req, reply) => {
    const detail = await bulletins.publishedDetail(req.params.id)
    reply.header('cache-control', PUBLIC_CACHE)
    return detail
  })

  app.get('/api/public/bulletins/:id/poster.png', {
    schema: {
      tags: TAGS,
      summary: '通报海报（PNG，宽 1080 像素，按版本缓存）',
      params: Type.Object({ id: Uuid }),
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'image/png' }), 304: Type.Unsafe<undefined>({ description: '未修改：客户端已有该版本' }), ...PUBLIC_ERRORS },
    },
  }, async (req, reply) => {
    const poster = await bulletins.poster(req.params.id, req.headers['if-none-match'])
    reply.header('etag', poster.etag).header('cache-control', PUBLIC_CACHE)
    if (!poster.png) return reply.status(304).send()
    return reply.type('image/png').send(poster.png)
  })
}
