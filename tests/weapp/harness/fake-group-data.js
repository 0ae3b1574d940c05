// What wx.getGroupEnterInfo hands the app on a phone: the group's opengid sealed by WeChat with the reader's session
// key (AES-128-CBC, PKCS#7, base64), watermarked with the mini-program's appid — the format
// server/src/wechat/group-info-cipher.ts opens.
const { createCipheriv, randomBytes } = require('node:crypto')
const { httpJson } = require('./mini-program')

const DEMO_APPID = 'wx0000000000demo00' // the server's WECHAT_APPID default in demo mode (server/src/config.ts)

async function sessionKeyOf(openid) {
  const { sessionKey } = await httpJson(`${process.env.WEAPP_WECHAT_CONTROL}/session-key?openid=${encodeURIComponent(openid)}`)
  if (!sessionKey) throw new Error(`the fake WeChat has no session for ${openid}: sign in with wechatToken first`)
  return sessionKey
}

function sealGroup(sessionKey, opengid, appid = DEMO_APPID) {
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv)
  const plain = JSON.stringify({ opengid, watermark: { appid, timestamp: Math.floor(Date.now() / 1000) } })
  const encryptedData = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64')
  return { encryptedData, iv: iv.toString('base64') }
}

module.exports = { sessionKeyOf, sealGroup }
