import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ERRORS } from '#core/errors'
import type { Config } from '../config'
import { AppError } from '../errors'
import { isZip } from '../lib/sheet'
import { checkZipBounds, ZipRefused } from '../lib/zip-bounds'
import { refuseUnstorablePart } from './edge-strings'

/** Spreadsheets larger than this are refused before they are read: split the import instead. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

type ImportLimits = Config['imports']

/** What each import route's scope knows: its limits, and the slots shared by every import of this process. */
interface ImportScope {
  limits: ImportLimits
  slots: { busy: number }
}

const scopes = new WeakMap<ImportLimits, ImportScope>()
/** The import scope of each request being handled, and whether it holds a slot. */
const handling = new WeakMap<FastifyRequest, { scope: ImportScope; holdsSlot: boolean }>()

/**
 * Accepts one spreadsheet in the multipart field `file` on the routes of this plugin scope. Reading a workbook
 * takes memory and CPU in proportion to what it inflates to, so at most `limits.concurrency` imports are read at
 * once in this process: a slot is taken once the upload is in (uploadedFile) and given back when the route's
 * handler ends; an import arriving with every slot taken answers 429 IMPORT_BUSY.
 */
export async function acceptImportUploads(app: FastifyInstance, limits: ImportLimits) {
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 11 } })
  if (!scopes.has(limits)) scopes.set(limits, { limits, slots: { busy: 0 } })
  const scope = scopes.get(limits)!
  app.addHook('onRoute', (route) => {
    const handler = route.handler
    route.handler = async function (this: unknown, request, reply) {
      const state = { scope, holdsSlot: false }
      handling.set(request, state)
      try {
        return await handler.call(this as FastifyInstance, request, reply)
      } finally {
        if (state.holdsSlot) scope.slots.busy--
        handling.delete(request)
      }
    }
  })
}

/**
 * The uploaded spreadsheet, or a clear Chinese refusal naming what to upload. `kinds` is what the import
 * reads, as shown to the user, e.g. ".xlsx" or ".xlsx 或 .csv". An .xlsx is checked against the archive
 * limits before any spreadsheet library sees it.
 */
export async function uploadedFile(req: FastifyRequest, kinds = '.xlsx'): Promise<{ buffer: Buffer; fileName: string }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, `请以 multipart/form-data 上传 ${kinds} 文件（字段名 file）`)
  let upload: { buffer: Buffer; fileName: string }
  try {
    const part = await req.file()
    if (!part || part.fieldname !== 'file') throw new AppError('IMPORT_FILE_UNREADABLE', 400, `请在 file 字段上传 ${kinds} 文件`)
    refuseUnstorablePart(part)
    upload = { buffer: await part.toBuffer(), fileName: part.filename }
  } catch (e) {
    if (e instanceof AppError) throw e
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('BODY_TOO_LARGE', 413, '导入文件不能超过 5 MB，请分批导入')
    throw new AppError('IMPORT_FILE_UNREADABLE', 400, `无法读取上传的文件，请重新选择 ${kinds} 文件`)
  }
  const scope = takeSlot(req)
  if (isZip(upload.buffer)) await withinZipLimits(upload.buffer, scope.limits)
  return upload
}

function takeSlot(req: FastifyRequest): ImportScope {
  const state = handling.get(req)
  if (!state) throw new Error('uploadedFile called outside a scope that accepts imports')
  const { scope } = state
  if (scope.slots.busy >= scope.limits.concurrency) throw new AppError('IMPORT_BUSY', 429)
  scope.slots.busy++
  state.holdsSlot = true
  return scope
}

async function withinZipLimits(zip: Buffer, limits: ImportLimits) {
  try {
    await checkZipBounds(zip, { maxEntries: limits.maxZipEntries, maxUncompressedBytes: limits.maxUnzippedBytes })
  } catch (e) {
    if (!(e instanceof ZipRefused)) throw e
    if (e.reason === 'too-large') {
      const mb = Math.round(limits.maxUnzippedBytes / 1024 / 1024)
      throw new AppError('IMPORT_TOO_LARGE', 413, `${ERRORS.IMPORT_TOO_LARGE}（解压后不超过 ${mb} MB、不超过 ${limits.maxZipEntries} 个文件）`)
    }
    throw new AppError('IMPORT_FILE_UNREADABLE', 400, '文件已损坏或不是有效的 .xlsx 表格，请重新导出后上传')
  }
}
