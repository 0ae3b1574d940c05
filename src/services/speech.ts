import Taro from '@tarojs/taro'
import { speechChunks } from '@/core/speech-text'

/** Reading a text aloud for someone who reads with difficulty, where the phone can. */
export interface Speech {
  /** A Chinese voice is there now (a browser may find its voices a moment after the page loads). */
  canSpeak(): boolean
  /** Calls back when canSpeak may have changed; returns the way to stop listening. */
  onChange(listener: () => void): () => void
  /** Reads the text from its start, cutting off anything being read; onDone when it has all been read (not on stop). */
  speak(text: string, onDone: () => void): void
  stop(): void
}

const isChinese = (voice: SpeechSynthesisVoice) => /^zh([-_]|$)/i.test(voice.lang)

/** H5: the browser's own voices (Web Speech API), only when one of them speaks Chinese. */
export function webSpeech(synth: SpeechSynthesis, Utterance: typeof SpeechSynthesisUtterance): Speech {
  // Each reading has a number; the end of an utterance cut off by stop() or by a newer reading is ignored.
  let reading = 0
  const voice = () => synth.getVoices().find(isChinese)
  return {
    canSpeak: () => voice() !== undefined,
    onChange(listener) {
      synth.addEventListener('voiceschanged', listener)
      return () => synth.removeEventListener('voiceschanged', listener)
    },
    speak(text, onDone) {
      const zh = voice()
      if (!zh) return
      synth.cancel()
      const mine = ++reading
      const chunks = speechChunks(text)
      if (chunks.length === 0) return onDone()
      chunks.forEach((chunk, i) => {
        const utterance = new Utterance(chunk)
        utterance.voice = zh
        utterance.lang = zh.lang
        utterance.rate = 0.9 // a little slower than the default, for older listeners
        if (i === chunks.length - 1) utterance.onend = () => mine === reading && onDone()
        synth.speak(utterance)
      })
    },
    stop() {
      reading++
      synth.cancel()
    },
  }
}

/** The part of WeChat's 同声传译 plugin used here: text in, an mp3 address out. */
export interface WechatSI {
  textToSpeech(options: {
    lang: 'zh_CN'
    tts: true
    content: string
    success: (result: { retcode: number; filename: string }) => void
    fail: (error: unknown) => void
  }): void
}

/** Weapp: 同声传译 turns each piece into an mp3, played one after the other. */
export function wechatSpeech(plugin: WechatSI, createAudio: () => Taro.InnerAudioContext): Speech {
  let reading = 0
  let audio: Taro.InnerAudioContext | null = null
  const release = () => {
    audio?.stop()
    audio?.destroy()
    audio = null
  }
  return {
    canSpeak: () => true,
    onChange: () => () => undefined,
    speak(text, onDone) {
      release()
      const mine = ++reading
      const chunks = speechChunks(text)
      const player = createAudio()
      audio = player
      const finish = () => {
        if (mine !== reading) return
        release()
        onDone()
      }
      const play = (i: number) => {
        if (mine !== reading) return
        if (i >= chunks.length) return finish()
        plugin.textToSpeech({
          lang: 'zh_CN',
          tts: true,
          content: chunks[i],
          success: (result) => {
            if (mine !== reading) return
            if (result.retcode !== 0) return finish()
            player.offEnded()
            player.onEnded(() => play(i + 1))
            player.src = result.filename
            player.play()
          },
          fail: finish,
        })
      }
      player.onError(finish)
      play(0)
    },
    stop() {
      reading++
      release()
    },
  }
}

/** WeChat's global for plugins; missing outside a real WeChat client (the simulator, old base libraries). */
declare const requirePlugin: ((name: string) => unknown) | undefined

/** This phone's way to read aloud, or null (no 听 button) where there is none. */
export function deviceSpeech(): Speech | null {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      if (typeof requirePlugin !== 'function') return null
      // Throws where the plugin is not declared or not authorised for this app: no button then.
      const plugin = requirePlugin('WechatSI') as WechatSI | undefined
      if (typeof plugin?.textToSpeech !== 'function') return null
      // An older resident's phone is often on silent: reading aloud was asked for, so it is heard anyway.
      void Taro.setInnerAudioOption?.({ obeyMuteSwitch: false })
      return wechatSpeech(plugin, () => Taro.createInnerAudioContext())
    }
    if (typeof window === 'undefined' || !window.speechSynthesis || !window.SpeechSynthesisUtterance) return null
    return webSpeech(window.speechSynthesis, window.SpeechSynthesisUtterance)
  } catch {
    return null
  }
}
