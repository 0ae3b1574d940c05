import { createDecipheriv } from 'node:crypto'

/**
 * WeChat's encrypted open data (wx.getGroupEnterInfo, wx.getShareInfo): AES-128-CBC with PKCS#7 padding, the
 * key being the user's session_key and the iv sent along, both base64; the plain text is JSON whose
 * watermark.appid names the mini-program it was made for.
 */
export class WeChatDataError extends Error {}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

function base64Bytes(value: string, expectedLength?: number): Buffer {
  if (!BASE64.test(value) || value.length % 4 !== 0) throw new WeChatDataError('not base64')
  const bytes = Buffer.from(value, 'base64')
  if (expectedLength !== undefined && bytes.length !== expectedLength) throw new WeChatDataError(`expected ${expectedLength} bytes`)
  return bytes
}

/** The decrypted JSON, after checking that it was made for `appId`. Throws WeChatDataError on anything else. */
export function decryptWeChatData(appId: string, sessionKey: string, encryptedData: string, iv: string): Record<string, unknown> {
  const key = base64Bytes(sessionKey, 16)
  const data = base64Bytes(encryptedData)
  if (data.length === 0 || data.length % 16 !== 0) throw new WeChatDataError('not whole AES blocks')
  let plain: unknown
  try {
    const decipher = createDecipheriv('aes-128-cbc', key, base64Bytes(iv, 16))
    plain = JSON.parse(Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8'))
  } catch {
    // Bad padding or bytes that are not JSON: a forged payload or one sealed with another session key.
    throw new WeChatDataError('undecryptable')
  }
  if (typeof plain !== 'object' || plain === null) throw new WeChatDataError('not an object')
  const watermark = (plain as { watermark?: { appid?: unknown } }).watermark
  if (watermark?.appid !== appId) throw new WeChatDataError('made for another app')
  return plain as Record<string, unknown>
}

/** The group a card was opened from. opengid is stable per group and per mini-program. */
export function openGroupId(appId: string, sessionKey: string, encryptedData: string, iv: string): string {
  const { opengid } = decryptWeChatData(appId, sessionKey, encryptedData, iv)
  if (typeof opengid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(opengid)) throw new WeChatDataError('no opengid')
  return opengid
}
