import Taro from '@tarojs/taro'
import { groupInfo, shareLaunchFrom, shareLinkUrl } from '@/services/share-launch'

const taro = Taro as unknown as Record<string, unknown>

describe('share launch', () => {
  const env = process.env.TARO_ENV
  afterEach(() => {
    process.env.TARO_ENV = env
    delete taro.getGroupEnterInfo
  })

  it('when the page opens from a shared path, then the share id, scene and shareTicket are read', () => {
    expect(shareLaunchFrom({ id: 'b1', share: 'AbC123xyz0' }, { scene: 1044, shareTicket: 'tk' }))
      .toEqual({ shareId: 'AbC123xyz0', scene: 1044, shareTicket: 'tk' })
  })

  it('when the share parameter is not a share id, then it is ignored rather than sent on', () => {
    expect(shareLaunchFrom({ id: 'b1', share: '<script>' }, null)).toEqual({ shareId: null, scene: null, shareTicket: null })
  })

  it('when running as H5, then no group info is asked of WeChat, even with a ticket', async () => {
    process.env.TARO_ENV = 'h5'
    const ask = jest.fn()
    taro.getGroupEnterInfo = ask

    expect(await groupInfo('tk')).toBeNull()
    expect(ask).not.toHaveBeenCalled()
  })

  it('when running in WeChat with a ticket, then the encrypted group info comes from getGroupEnterInfo', async () => {
    process.env.TARO_ENV = 'weapp'
    const ask = jest.fn(() => Promise.resolve({ encryptedData: 'enc', iv: 'iv', errMsg: 'getGroupEnterInfo:ok' }))
    taro.getGroupEnterInfo = ask

    expect(await groupInfo('tk')).toEqual({ encryptedData: 'enc', iv: 'iv' })
    expect(ask).toHaveBeenCalledWith({ shareTicket: 'tk' })
  })

  it('when WeChat refuses the group info, then the open goes on without it', async () => {
    process.env.TARO_ENV = 'weapp'
    taro.getGroupEnterInfo = jest.fn(() => Promise.reject(new Error('getGroupEnterInfo:fail')))

    expect(await groupInfo('tk')).toBeNull()
  })

  it('when the H5 build uses the hash router, then the share link puts the path after #', () => {
    const location = { origin: 'https://fz.test', pathname: '/', hash: '#/pages/bulletin/index?id=b1' }
    expect(shareLinkUrl('/pages/bulletin/index?id=b1&share=X', location)).toBe('https://fz.test/#/pages/bulletin/index?id=b1&share=X')
  })

  it('when the H5 build uses the browser router, then the share link is the plain path', () => {
    const location = { origin: 'https://fz.test', pathname: '/pages/bulletin/index', hash: '' }
    expect(shareLinkUrl('/pages/bulletin/index?id=b1&share=X', location)).toBe('https://fz.test/pages/bulletin/index?id=b1&share=X')
  })
})
