import { act, fireEvent, render, screen } from '@testing-library/react'
import { ListenButton } from '@/components/listen-button'

/** The browser's speechSynthesis as jsdom lacks it: voices that may arrive late, and what was spoken. */
class FakeSynth extends EventTarget {
  voices: { lang: string; name: string }[] = []
  spoken: FakeUtterance[] = []
  cancels = 0
  getVoices() { return this.voices }
  speak(u: FakeUtterance) { this.spoken.push(u) }
  cancel() { this.cancels++ }
  addVoice(lang: string) {
    this.voices = [...this.voices, { lang, name: lang }]
    this.dispatchEvent(new Event('voiceschanged'))
  }
}

class FakeUtterance {
  voice: unknown = null
  lang = ''
  rate = 1
  onend: (() => void) | null = null
  constructor(readonly text: string) {}
}

let synth: FakeSynth
beforeEach(() => {
  synth = new FakeSynth()
  Object.assign(window, { speechSynthesis: synth, SpeechSynthesisUtterance: FakeUtterance })
})
afterEach(() => {
  Reflect.deleteProperty(window, 'speechSynthesis')
  Reflect.deleteProperty(window, 'SpeechSynthesisUtterance')
})

describe('听 button', () => {
  it('when the browser has no Chinese voice, then there is no 听 button', () => {
    synth.voices = [{ lang: 'en-US', name: 'Samantha' }]
    render(<ListenButton text='陌生来电要警惕。' label='听通报' />)

    expect(screen.queryByText(/听通报/)).toBeNull()
  })

  it('when the browser cannot speak at all, then there is no 听 button', () => {
    Reflect.deleteProperty(window, 'speechSynthesis')
    render(<ListenButton text='陌生来电要警惕。' label='听通报' />)

    expect(screen.queryByText(/听通报/)).toBeNull()
  })

  it('when a Chinese voice loads after the page, then the button appears', () => {
    render(<ListenButton text='陌生来电要警惕。' label='听一听' />)
    expect(screen.queryByText(/听一听/)).toBeNull()

    act(() => synth.addVoice('zh-CN'))

    expect(screen.getByText('▶ 听一听')).toBeTruthy()
  })

  it('when 听通报 is tapped, then the text is spoken in Chinese, in pieces ending at sentences, and the button turns to 停止', () => {
    synth.voices = [{ lang: 'en-US', name: 'Samantha' }, { lang: 'zh-CN', name: 'Tingting' }]
    const text = `${'冒充客服说要退款。'.repeat(10)}${'挂断后拨打96110。'.repeat(10)}`
    render(<ListenButton text={text} label='听通报' />)

    fireEvent.click(screen.getByText('▶ 听通报'))

    expect(synth.spoken.map((u) => u.text).join('')).toBe(text)
    expect(synth.spoken.length).toBeGreaterThan(1)
    expect(synth.spoken.every((u) => u.lang === 'zh-CN' && u.text.endsWith('。'))).toBe(true)
    expect(screen.getByText('■ 停止')).toBeTruthy()
  })

  it('when 停止 is tapped, then the reading is cut off and the button offers 听 again', () => {
    synth.voices = [{ lang: 'zh-CN', name: 'Tingting' }]
    render(<ListenButton text='陌生来电要警惕。' label='听通报' />)
    fireEvent.click(screen.getByText('▶ 听通报'))
    const cancelsBefore = synth.cancels

    fireEvent.click(screen.getByText('■ 停止'))

    expect(synth.cancels).toBe(cancelsBefore + 1)
    expect(screen.getByText('▶ 听通报')).toBeTruthy()
  })

  it('when the whole text has been read, then the button offers 听 again by itself', () => {
    synth.voices = [{ lang: 'zh-CN', name: 'Tingting' }]
    render(<ListenButton text='陌生来电要警惕。' label='听通报' />)
    fireEvent.click(screen.getByText('▶ 听通报'))

    act(() => synth.spoken[synth.spoken.length - 1].onend?.())

    expect(screen.getByText('▶ 听通报')).toBeTruthy()
  })
})
