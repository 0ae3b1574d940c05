import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { XLSX_MIME } from '../lib/sheet'

/** A spreadsheet answer, as /api/docs describes it. */
export const XlsxFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '.xlsx 文件' })

/** Sends a spreadsheet to be saved: an ASCII file name for old clients, the Chinese one for the rest (RFC 6266). */
export function sendXlsx(reply: FastifyReply, file: Buffer, names: { ascii: string; chinese: string }): FastifyReply {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(names.chinese)}`)
    .send(file)
}
