import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { doorPageUrl, doorTokenFrom } from '@/pages/door/door-link'

async function scanDoor(): Promise<void> {
  let scanned: string
  try {
    scanned = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
  } catch {
    return // the worker closed the camera
  }
  const token = doorTokenFrom(scanned)
  if (token) void Taro.navigateTo({ url: doorPageUrl(token) })
  else void Taro.showToast({ title: '这不是门牌二维码，请对准门上的反诈门牌', icon: 'none', duration: 2500 })
}

/** WeChat opens the camera; in a browser the label's own link opens the door page, so there is nothing to scan. */
export function ScanDoorButton() {
  if (process.env.TARO_ENV !== 'weapp') return <Text className='hint'>用手机扫门上的反诈门牌，即可打开该户的走访页面</Text>
  return (
    <Button className='big-button' type='primary' size='xlarge' block onClick={() => void scanDoor()}>
      扫码入户
    </Button>
  )
}
