/**
 * Stable error codes with their Chinese messages, shared by server and client so that both speak alike.
 * The server sends `{ code, message }`; the client shows `message` and branches on `code`.
 */
export const ERRORS = {
  BAD_REQUEST: '请求格式不正确',
  VALIDATION_FAILED: '提交的内容不符合要求',
  BODY_TOO_LARGE: '提交的内容过大',
  INVALID_JSON: '提交的内容不是有效的 JSON',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  NOT_FOUND: '请求的页面或接口不存在',
  METHOD_NOT_ALLOWED: '不支持该请求方式',
  AUTH_REQUIRED: '请先登录',
  AUTH_INVALID: '登录已失效，请重新登录',
  AUTH_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有权限执行此操作',
  OUT_OF_SCOPE: '该数据不在您负责的辖区内',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已过期，请重新进入小程序',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  DEMO_PERSONA_UNKNOWN: '没有这个演示账号',
  REGION_NOT_FOUND: '找不到该区域',
  IMPORT_INVALID: '导入文件有错误，未导入任何数据',
  IMPORT_FILE_UNREADABLE: '无法读取导入文件，请上传 .xlsx 格式的表格',
  INTERNAL: '服务器开小差了，请稍后再试',
  DB_UNAVAILABLE: '数据库暂时不可用',
} as const

export type ErrorCode = keyof typeof ERRORS

export interface ErrorBody {
  code: ErrorCode | string
  message: string
  /** Per-field or per-row details, e.g. import row errors. */
  details?: unknown
  requestId?: string
}
