import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { MAX_PHOTO_BYTES, MAX_THUMBNAIL_BYTES } from '#core/activities'
import type { RouteDeps } from '../../composition'
import { AppError } from '../../errors'
import { callerOf } from '../../plugins/auth'
import { refuseUnstorablePart } from '../../plugins/edge-strings'
import { signedInOnly } from '../../plugins/route-groups'
import { COMMON_ERRORS, contractSchema, ErrorResponse } from '../../plugins/schemas'
import { ActivityPhoto, ById, ByPhotoId } from '#contract/activities'
import { type UploadedPhoto } from './service'

const TAGS = ['宣传活动']
/** A photo's bytes never change under its id; private because only the activity's readers may see it. */
const PHOTO_CACHE = 'private, max-age=31536000, immutable'
/** wx.uploadFile carries one file: the mini-program sends the thumbnail as base64 text in a form field instead. */
const THUMBNAIL_FIELD_CHARS = Math.ceil(MAX_THUMBNAIL_BYTES / 3) * 4 + 4

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'JPEG / PNG / WebP 图片' })

/** `photo` and `thumbnail` from a multipart body; a malformed or oversized upload is the caller's error, never a 500. */
async function uploadedPhoto(req: FastifyRequest): Promise<UploadedPhoto> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, '请以 multipart/form-data 上传照片（字段 photo 和 thumbnail）')
  const got: Partial<UploadedPhoto> = {}
  try {
    for await (const part of req.parts()) {
      refuseUnstorablePart(part)
      if (part.type === 'file' && (part.fieldname === 'photo' || part.fieldname === 'thumbnail')) got[part.fieldname] = await part.toBuffer()
      else if (part.type === 'file') await part.toBuffer()
      else if (part.fieldname === 'thumbnail' && typeof part.value === 'string') got.thumbnail = Buffer.from(part.value, 'base64')
    }
  } catch (e) {
    if (e instanceof AppError) throw e
    const code = (e as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('ACTIVITY_PHOTO_INVALID', 413)
    }
    throw new AppError('ACTIVITY_PHOTO_INVALID', 400)
  }
  if (!got.photo || !got.thumbnail) throw new AppError('ACTIVITY_PHOTO_INVALID', 400, '请同时上传照片（photo）和缩略图（thumbnail）')
  return { photo: got.photo, thumbnail: got.thumbnail }
}

export default async function activitiesRoutes(fastify: FastifyInstance, { services }: RouteDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  signedInOnly(app)
  const activities = services.activities
  await app.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 2, fields: 2, parts: 3, fieldSize: THUMBNAIL_FIELD_CHARS } })

  app.get('/api/activities', {
    schema: {
      tags: TAGS, summary: '辖区内的宣传活动，按月份和类型筛选，最近的在前', ...contractSchema('GET /api/activities'),
    },
  }, (req) => activities.list(callerOf(req), req.query))

  app.post('/api/activities', {
    schema: { tags: TAGS, summary: '登记宣传活动', ...contractSchema('POST /api/activities') },
  }, (req) => activities.create(callerOf(req), req.body))

  app.get('/api/activities/:id', {
    schema: { tags: TAGS, summary: '活动详情（含照片）', ...contractSchema('GET /api/activities/:id') },
  }, (req) => activities.get(callerOf(req), req.params.id))

  app.put('/api/activities/:id', {
    schema: { tags: TAGS, summary: '修改活动（登记人或管理员）', ...contractSchema('PUT /api/activities/:id') },
  }, (req) => activities.update(callerOf(req), req.params.id, req.body))

  app.delete('/api/activities/:id', {
    schema: { tags: TAGS, summary: '删除活动及其照片（登记人或管理员）', ...contractSchema('DELETE /api/activities/:id') },
  }, async (req, reply) => {
    await activities.delete(callerOf(req), req.params.id)
    return reply.status(204).send(null)
  })

  app.post('/api/activities/:id/photos', {
    schema: {
      tags: TAGS, summary: '上传一张活动照片及其缩略图',
      description: `multipart/form-data：photo（≤ ${MAX_PHOTO_BYTES / 1024} KB）和 thumbnail（≤ ${MAX_THUMBNAIL_BYTES / 1024} KB，文件或 base64 文本），JPG/PNG/WebP，按文件内容识别格式；每个活动最多 9 张。`,
      consumes: ['multipart/form-data'], params: ById,
      response: { 200: ActivityPhoto, ...COMMON_ERRORS, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse },
    },
  }, async (req) => activities.addPhoto(callerOf(req), req.params.id, await uploadedPhoto(req)))

  app.delete('/api/activities/:id/photos/:photoId', {
    schema: { tags: TAGS, summary: '删除一张活动照片', ...contractSchema('DELETE /api/activities/:id/photos/:photoId') },
  }, async (req, reply) => {
    await activities.deletePhoto(callerOf(req), req.params.id, req.params.photoId)
    return reply.status(204).send(null)
  })

  for (const which of ['photo', 'thumbnail'] as const) {
    app.get(which === 'photo' ? '/api/activity-photos/:photoId' : '/api/activity-photos/:photoId/thumbnail', {
      schema: {
        tags: TAGS, summary: which === 'photo' ? '活动照片原图' : '活动照片缩略图', params: ByPhotoId,
        response: { 200: Binary, ...COMMON_ERRORS },
      },
    }, async (req, reply) => {
      const { mime, bytes } = await activities.photo(callerOf(req), req.params.photoId, which)
      return reply.header('content-type', mime).header('cache-control', PHOTO_CACHE).header('x-content-type-options', 'nosniff').send(bytes)
    })
  }
}
