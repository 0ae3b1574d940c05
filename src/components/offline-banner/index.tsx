import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { freshnessBanner } from '@/core/offline-freshness'
import { keptAnswers } from '@/services/kept-answers'
import './index.scss'

/**
 * H5: says when the page shows what the phone kept (离线 · 上次更新 …) or when there is no network at all, so that a
 * tap that cannot work offline is never silent. The mini-program has no service worker, so nothing to say there.
 */
export const OfflineBanner = observer(function OfflineBanner() {
  if (process.env.TARO_ENV !== 'h5') return null
  const text = freshnessBanner({ offline: keptAnswers.offline, savedAt: keptAnswers.oldestSavedAt }, new Date())
  if (!text) return null
  return (
    <View className='offline-banner'>
      <Text className='offline-banner__text'>{text}</Text>
    </View>
  )
})
