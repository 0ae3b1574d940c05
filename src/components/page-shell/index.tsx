import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '@/stores/stores-context'

/** The root of every page: carries the 关怀模式 class so that every page grows its text at once. */
export const PageShell = observer(function PageShell({ className, children }: PropsWithChildren<{ className?: string }>) {
  const { ui } = useStores()
  const classes = ['page', ui.careMode ? 'care-mode' : '', className ?? ''].filter(Boolean).join(' ')
  return <View className={classes}>{children}</View>
})
