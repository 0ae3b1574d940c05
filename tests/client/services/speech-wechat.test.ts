import type Taro from '@tarojs/taro'
import { wechatSpeech, type WechatSI } from '@/services/speech'

/** 同声传译 turning each piece into a numbered mp3, and an audio player that ends when told. */
function aWechatPhone() {
  const asked: string[] = []
  const plugin: WechatSI = {
    textToSpeech: ({ content, success }) => {
      asked.push(content)
      success({ retcode: 0, filename: `https://ae.weixin.qq.com/tts/${asked.length}.mp3` })
    },
  }
  const played: string[] = []
  let ended: (() => void) | null = null
  let destroyed = 0
  const audio = {
    src: '',
    play() { played.push(this.src) },
    stop() {},
    destroy() { destroyed++ },
    onEnded(listener: () => void) { ended = listener },
    offEnded() { ended = null },
    onError() {},
  }
  const speech = wechatSpeech(plugin, () => audio as unknown as Taro.InnerAudioContext)
  return { speech, asked, played, end: () => ended?.(), destroyed: () => destroyed }
}

describe('reading aloud in the weapp (同声传译)', () => {
  it('when a long text is read, then its pieces are turned into clips and played one after the other, then it is done', () => {
    const phone = aWechatPhone()
    const done = jest.fn()
    phone.speech.speak(`${'冒充客服说要退款。'.repeat(10)}${'挂断后拨打96110。'.repeat(10)}`, done)

    expect(phone.played).toEqual(['https://ae.weixin.qq.com/tts/1.mp3'])
    phone.end()
    expect(phone.played).toEqual(['https://ae.weixin.qq.com/tts/1.mp3', 'https://ae.weixin.qq.com/tts/2.mp3'])
    expect(done).not.toHaveBeenCalled()
    phone.end()
    expect(done).toHaveBeenCalledTimes(1)
  })

  it('when stopped, then the player is let go and nothing more is asked for or played', () => {
    const phone = aWechatPhone()
    const done = jest.fn()
    phone.speech.speak(`${'冒充客服说要退款。'.repeat(20)}`, done)

    phone.speech.stop()
    phone.end()

    expect([phone.asked.length, phone.destroyed(), done.mock.calls.length]).toEqual([1, 1, 0])
  })
})
