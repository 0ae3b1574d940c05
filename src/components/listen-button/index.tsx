import { useEffect, useMemo, useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { deviceSpeech } from '@/services/speech'
import './index.scss'

/**
 * 听: reads the text aloud for someone who reads with difficulty; tapped again, 停止. Hidden where the phone
 * cannot read Chinese aloud. Leaving the page stops the reading.
 */
export function ListenButton({ text, label }: { text: string; label: string }) {
  const speech = useMemo(() => deviceSpeech(), [])
  const [available, setAvailable] = useState(() => speech?.canSpeak() ?? false)
  const [speaking, setSpeaking] = useState(false)

  useEffect(() => {
    if (!speech) return undefined
    const unsubscribe = speech.onChange(() => setAvailable(speech.canSpeak()))
    return () => {
      unsubscribe()
      speech.stop()
    }
  }, [speech])

  if (!speech || !available) return null
  const toggle = () => {
    if (speaking) {
      speech.stop()
      setSpeaking(false)
    } else {
      setSpeaking(true)
      speech.speak(text, () => setSpeaking(false))
    }
  }
  return (
    <Button className='big-button listen-button' size='large' block onClick={toggle}>
      {speaking ? '■ 停止' : `▶ ${label}`}
    </Button>
  )
}
