import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { OfflineBanner } from '@/components/offline-banner'
import { PrivacyGate } from '@/components/privacy-gate'
import { TitleBar } from '@/components/title-bar'
import { useStores } from '@/stores/stores-context'

// WeChat draws the title bar in the mini-program; the browser draws none, so H5 pages bring their own.
const isH5 = process.env.TARO_ENV === 'h5'

/**
 * The root of every page: carries the 关怀模式 class so that every page grows its text at once, and the privacy
 * agreement, so that any page asking for personal data shows it in place; on H5 also the title bar and the offline banner.
 */
export const PageShell = observer(function PageShell({ className, children }: PropsWithChildren<{ className?: string }>) {
  const { ui } = useStores()
  const classes = ['page', ui.careMode ? 'care-mode' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View className={classes}>
      {isH5 && <TitleBar />}
      <OfflineBanner />
      {children}
      <PrivacyGate />
    </View>
  )
})
