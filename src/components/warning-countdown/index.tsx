import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { countdownText } from '@/core/warnings-format'
import './index.scss'

/**
 * The time left to first contact, ticking every second. The clock lives here, not in a store, so that each second
 * re-renders this line only and never the list around it.
 */
export function WarningCountdown({ dueAt }: { dueAt: string }) {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000)
    return () => clearInterval(timer)
  }, [])
  const { text, overdue } = countdownText(dueAt, now)
  return (
    <View className={`warning-countdown${overdue ? ' warning-countdown--overdue' : ''}`} role='timer'>
      <Text>{overdue ? `⚠ ${text}` : text}</Text>
    </View>
  )
}
