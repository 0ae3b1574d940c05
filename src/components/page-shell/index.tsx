import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { OfflineBanner } from '@/components/offline-banner'
import { PrivacyGate } from '@/components/privacy-gate'
import { useStores } from '@/stores/stores-context'

/**
 * The root of every page: carries the 关怀模式 class so that every page grows its text at once, and the privacy
 * agreement, so that any page asking for personal data shows it in place; on H5 also the offline banner.
 */
export const PageShell = observer(function PageShell({ className, children }: PropsWithChildren<{ className?: string }>) {
  const { ui } = useStores()
  const classes = ['page', ui.careMode ? 'care-mode' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View className={classes}>
      <OfflineBanner />
      {children}
      <PrivacyGate />
    </View>
  )
})
