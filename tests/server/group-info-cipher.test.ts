import { decryptWeChatData, openGroupId, WeChatDataError } from '../../server/src/wechat/group-info-cipher'
import { groupPayload, sealGroupInfo } from './helpers/bulletin-reach-factories'

/** The sample vector of WeChat's open-data decryption docs (开放数据校验与解密). */
const SAMPLE = {
  appId: 'wx4f4bc4dec97d474b',
  sessionKey: 'tiihtNczf5v6AKRyjwEUhQ==',
  iv: 'r7BXXKkLb8qrSNn05n0qiA==',
  encryptedData:
    'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==',
}
const KEY = 'AAECAwQFBgcICQoLDA0ODw=='
const APP = 'wx_test_app'

describe('WeChat open data cipher', () => {
  it("when WeChat's published sample is decrypted, then it gives the sample user and its watermark", () => {
    const plain = decryptWeChatData(SAMPLE.appId, SAMPLE.sessionKey, SAMPLE.encryptedData, SAMPLE.iv)
    expect(plain).toMatchObject({ openId: 'oGZUI0egBJY1zhBYw2KhdUfwVJJE', nickName: 'Band', watermark: { appid: 'wx4f4bc4dec97d474b', timestamp: 1477314187 } })
  })

  it('when the sample is decrypted for another app id, then it is refused', () => {
    expect(() => decryptWeChatData('wx_other', SAMPLE.sessionKey, SAMPLE.encryptedData, SAMPLE.iv)).toThrow(WeChatDataError)
  })

  it('when group info sealed with the session key is opened, then its opengid comes out', () => {
    const sealed = sealGroupInfo(KEY, groupPayload(APP, 'tGabc_123-XYZ'))
    expect(openGroupId(APP, KEY, sealed.encryptedData, sealed.iv)).toBe('tGabc_123-XYZ')
  })

  it('when the data was sealed with another key, is garbled, or is not base64, then it is refused, never thrown as anything else', () => {
    const sealed = sealGroupInfo('ZmZmZmZmZmZmZmZmZmZmZg==', groupPayload(APP, 'tGx'))
    const garbled = Buffer.from(sealed.encryptedData, 'base64')
    garbled[garbled.length - 1] ^= 0xff
    for (const [data, iv, key] of [
      [sealed.encryptedData, sealed.iv, KEY],
      [garbled.toString('base64'), sealed.iv, 'ZmZmZmZmZmZmZmZmZmZmZg=='],
      ['not base64 at all!', sealed.iv, KEY],
      [sealed.encryptedData, 'c2hvcnQ=', 'ZmZmZmZmZmZmZmZmZmZmZg=='],
      [sealed.encryptedData, sealed.iv, 'c2hvcnQ='],
    ]) {
      expect(() => openGroupId(APP, key, data, iv)).toThrow(WeChatDataError)
    }
  })

  it('when the payload has no opengid, then it is refused', () => {
    const sealed = sealGroupInfo(KEY, { watermark: { appid: APP } })
    expect(() => openGroupId(APP, KEY, sealed.encryptedData, sealed.iv)).toThrow(WeChatDataError)
  })
})
