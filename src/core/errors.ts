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
  HOUSEHOLD_INVALID: '住户信息不符合要求',
  HOUSEHOLD_NOT_IN_GRID: '住户只能登记在网格下',
  HOUSEHOLD_NO_PHONE: '该住户未登记联系电话',
  LABEL_UNKNOWN: '门牌二维码无效，请联系网格员',
  LABEL_REVOKED: '该门牌二维码已作废，请使用新门牌',
  INTERNAL: '服务器开小差了，请稍后再试',
  DB_UNAVAILABLE: '数据库暂时不可用',
  PLEDGE_HOUSEHOLD_UNKNOWN: '找不到该住户，请刷新后重试',
  PLEDGE_OUT_OF_SCOPE: '该住户不在您负责的网格内',
  PLEDGE_TEMPLATE_OUTDATED: '承诺书版本已更新，请重新签署',
  PLEDGE_SIGNER_MISSING: '请填写签署人姓名和与户主的关系',
  PLEDGE_TIME_INVALID: '签署时间无效',
  PLEDGE_NOT_FOUND: '找不到该承诺书',
  SIGNATURE_MALFORMED: '签名数据无法识别，请重新签名',
  SIGNATURE_EMPTY: '请先在签名板上签名',
  SIGNATURE_DOT: '签名只有一个点，请完整签写姓名',
  SIGNATURE_TOO_SHORT: '签名太短，请完整签写姓名',
  VISIT_HOUSEHOLD_UNKNOWN: '找不到该住户，可能已被删除',
  VISIT_OUT_OF_SCOPE: '该住户不在您负责的网格内',
  VISIT_TIME_INVALID: '走访时间格式不正确',
  VISIT_IN_FUTURE: '走访时间晚于当前时间，请检查手机时间',
  VISIT_TOO_OLD: '走访时间已超过 30 天，不能再补录',
  VISIT_NOTE_TOO_LONG: '备注过长，最多 500 字',
  PATROL_GRID_REQUIRED: '请选择网格',
  BULLETIN_NOT_FOUND: '找不到该通报，可能尚未发布',
  BULLETIN_RETRACTED: '该通报已撤回',
  BULLETIN_INVALID: '通报内容不符合要求',
  BULLETIN_NO_CASES: '请至少填写一个案例',
  BULLETIN_ALREADY_PUBLISHED: '该通报已发布，修改将生成新版本',
  BULLETIN_PUBLISH_TIME_INVALID: '定时发布时间无效或已过去太久',
  SHARE_NOT_FOUND: '分享链接无效，已按直接打开计算',
  SHARE_LOOP: '分享关系有误，已按直接打开计算',
  READER_REQUIRED: '无法识别读者，请刷新后重试',
  GROUP_INFO_INVALID: '无法识别微信群信息，已按直接打开计算',
  GROUP_SESSION_EXPIRED: '微信登录已过期，无法识别群信息，请重新进入小程序',
  GROUP_NOT_FOUND: '找不到该微信群',
  GROUP_LABEL_INVALID: '请填写群名称、类型和所属村社',
  SUBSCRIBE_TEMPLATE_UNKNOWN: '没有这个订阅消息',
  REACH_RANGE_INVALID: '日期范围无效：开始日期不能晚于结束日期，且最长 92 天',
  BULLETIN_REGION_INVALID: '通报只能以镇街派出所或区县公安局的名义发布',
  BULLETIN_EDIT_CONFLICT: '该通报刚被他人修改，请刷新后重试',
  BULLETIN_NOT_PUBLISHED: '该通报尚未发布，无需撤回',
  BULLETIN_RETRACT_REASON_REQUIRED: '请填写撤回原因',
} as const

export type ErrorCode = keyof typeof ERRORS

export interface ErrorBody {
  code: ErrorCode | string
  message: string
  /** Per-field or per-row details, e.g. import row errors. */
  details?: unknown
  requestId?: string
}
