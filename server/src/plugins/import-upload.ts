import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../errors'

/** Spreadsheets larger than this are refused before they are read: split the import instead. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

/** Accepts one spreadsheet in the multipart field `file` on the routes of this plugin scope. */
export async function acceptImportUploads(app: FastifyInstance) {
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 11 } })
}

/**
 * The uploaded spreadsheet, or a clear Chinese refusal naming what to upload. `kinds` is what the import
 * reads, as shown to the user, e.g. ".xlsx" or ".xlsx 或 .csv".
 */
export async function uploadedFile(req: FastifyRequest, kinds = '.xlsx'): Promise<{ buffer: Buffer; fileName: string }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, `请以 multipart/form-data 上传 ${kinds} 文件（字段名 file）`)
  try {
    const part = await req.file()
    if (!part || part.fieldname !== 'file') throw new AppError('IMPORT_FILE_UNREADABLE', 400, `请在 file 字段上传 ${kinds} 文件`)
    return { buffer: await part.toBuffer(), fileName: part.filename }
  } catch (e) {
    if (e instanceof AppError) throw e
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('BODY_TOO_LARGE', 413, '导入文件不能超过 5 MB，请分批导入')
    throw new AppError('IMPORT_FILE_UNREADABLE', 400, `无法读取上传的文件，请重新选择 ${kinds} 文件`)
  }
}
