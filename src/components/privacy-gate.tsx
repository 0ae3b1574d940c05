import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { observable, runInAction } from 'mobx'
import { observer } from 'mobx-react-lite'
import { ROUTES } from '@/navigation/routes'

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void

const AGREE_BUTTON_ID = 'privacy-agree'

/** WeChat keeps one listener for the whole app, so the waiting request lives here and any mounted gate shows it. */
const pending = observable.box<Resolve | null>(null, { deep: false })
let listening = false
let mountedGates = 0

/**
 * weapp: from the first mount on, a personal-data API (location, …) that needs the user's consent waits here until
 * 同意 or 不同意 is tapped. H5 and base libraries before 2.32.3 have no such agreement, so this does nothing there.
 */
export function listenForPrivacyAuthorization(): void {
  if (listening || process.env.TARO_ENV !== 'weapp') return
  // Base libraries before 2.32.3 have neither the agreement nor this API (Taro then leaves it undefined, and calling
  // it blanked the page): there the personal-data APIs work without asking, so there is nothing to wait for.
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  listening = true
  Taro.onNeedPrivacyAuthorization((resolve) => {
    runInAction(() => pending.set(resolve))
    // Registering took WeChat's own popup away for the whole app: a page without a gate sends the user to the policy page, which has one.
    if (mountedGates === 0) void Taro.navigateTo({ url: ROUTES.privacy })
    resolve({ event: 'exposureAuthorization' })
  })
}

function finish(option: Taro.onNeedPrivacyAuthorization.ResolveOption): void {
  const resolve = pending.get()
  runInAction(() => pending.set(null))
  resolve?.(option)
}

/** The mini-program privacy agreement, shown over the page only when WeChat asks for it. */
export const PrivacyGate = observer(function PrivacyGate() {
  listenForPrivacyAuthorization()
  useEffect(() => {
    mountedGates++
    return () => {
      mountedGates--
    }
  }, [])
  if (!pending.get()) return null
  return (
    <View className='privacy-gate' role='dialog' aria-label='隐私保护提示'>
      <View className='privacy-gate__panel'>
        <Text className='card-title'>隐私保护提示</Text>
        <Text className='privacy-gate__text'>
          使用这项功能需要用到您的个人信息。请先阅读《隐私政策》，了解我们收集哪些信息、为什么收集、保存多久。同意后才能继续。
        </Text>
        <View className='tap-target privacy-gate__link' role='link' onClick={() => void Taro.navigateTo({ url: ROUTES.privacy })}>
          <Text>查看《隐私政策》</Text>
        </View>
        <Button
          id={AGREE_BUTTON_ID}
          className='big-button privacy-gate__agree'
          openType='agreePrivacyAuthorization'
          onAgreePrivacyAuthorization={() => finish({ event: 'agree', buttonId: AGREE_BUTTON_ID })}
        >
          同意
        </Button>
        <Button className='big-button' onClick={() => finish({ event: 'disagree' })}>
          不同意
        </Button>
      </View>
    </View>
  )
})
