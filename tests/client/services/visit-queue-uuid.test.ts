import Taro from '@tarojs/taro'
import { formatUuid, newUuid } from '@/services/uuid'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('record ids for the offline queue', () => {
  it('when bytes are formatted, then the result is a version 4 UUID whatever the bytes', () => {
    expect(formatUuid(new Uint8Array(16).fill(0xff))).toMatch(UUID_V4)
    expect(formatUuid(new Uint8Array(16))).toBe('00000000-0000-4000-8000-000000000000')
  })

  it('when two ids are made, then they differ', async () => {
    const ids = await Promise.all([newUuid(), newUuid()])

    expect(ids[0]).toMatch(UUID_V4)
    expect(ids[0]).not.toBe(ids[1])
  })

  it('when Web Crypto is missing, as in WeChat, then WeChat secure random bytes are used', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
    jest.mocked(Taro.getRandomValues).mockResolvedValueOnce({ randomValues: new Uint8Array(16).fill(7).buffer, errMsg: 'ok' })
    try {
      expect(await newUuid()).toBe('07070707-0707-4707-8707-070707070707')
    } finally {
      if (saved) Object.defineProperty(globalThis, 'crypto', saved)
    }
  })
})
