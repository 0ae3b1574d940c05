import Taro from '@tarojs/taro'

/**
 * A random (version 4) UUID for a visit or pledge made on the phone: the server treats it as the idempotency key,
 * so a retried upload is recognised instead of stored twice.
 */
export async function newUuid(): Promise<string> {
  // typeof, not globalThis: older WeChat runtimes have neither crypto nor globalThis.
  const webCrypto = typeof crypto === 'undefined' ? undefined : crypto
  if (typeof webCrypto?.randomUUID === 'function') return webCrypto.randomUUID()
  if (typeof webCrypto?.getRandomValues === 'function') return formatUuid(webCrypto.getRandomValues(new Uint8Array(16)))
  return formatUuid(await weChatRandomBytes())
}

/** The WeChat runtime has no Web Crypto; its own secure source is asynchronous. */
async function weChatRandomBytes(): Promise<Uint8Array> {
  try {
    const { randomValues } = await Taro.getRandomValues({ length: 16 })
    return new Uint8Array(randomValues)
  } catch {
    // Old base libraries lack getRandomValues. The id only has to be unique, not secret, so the clock mixed with
    // Math.random is enough to keep two visits recorded on one phone apart.
    const bytes = new Uint8Array(16)
    const time = Date.now()
    for (let i = 0; i < 16; i++) bytes[i] = (Math.floor(Math.random() * 256) ^ (time / 2 ** (i % 6 * 8))) & 0xff
    return bytes
  }
}

export function formatUuid(random: Uint8Array): string {
  const bytes = Uint8Array.from(random.slice(0, 16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
