import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import './index.scss'

interface Heading {
  title: string
  canGoBack: boolean
}

/** Read once as the page mounts: the page's own config title, and whether a page lies under it to go back to. */
function headingOfCurrentPage(): Heading {
  const config = (Taro.getCurrentInstance().page as { config?: { navigationBarTitleText?: string } } | null | undefined)?.config
  return { title: config?.navigationBarTitleText ?? '', canGoBack: Taro.getCurrentPages().length > 1 }
}

/**
 * H5's stand-in for WeChat's navigation bar (the browser draws none): the page's title and, where there is a page
 * to return to, a ‹ 返回 as large as any other button, so a form opened from a list leads back to that list.
 */
export function TitleBar() {
  const [{ title, canGoBack }] = useState(headingOfCurrentPage)
  return (
    <View className='title-bar no-print'>
      {canGoBack && (
        <View className='title-bar-back' role='button' onClick={() => void Taro.navigateBack()}>
          <Text aria-hidden='true'>‹ </Text>
          <Text>返回</Text>
        </View>
      )}
      <View className='title-bar-title' role='heading' aria-level={1}>{title}</View>
    </View>
  )
}
