import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { BulletinPoster } from '@/components/bulletin-poster'
import { shareLinkUrl } from '@/services/share-launch'
import { bulletinAdminStore } from '@/stores/bulletin-admin-store'
import { useStore } from '@/stores/stores-context'
import { CopyLink } from '@/components/copy-link'

const isWeapp = process.env.TARO_ENV === 'weapp'

/** H5 has no share sheet: the poster to save and a link to paste into the group. */
const H5Forward = observer(function H5Forward() {
  const bulletinAdmin = useStore(bulletinAdminStore)
  const { saved, posterUrl, sharePath } = bulletinAdmin
  if (!saved || !posterUrl || !sharePath) return null
  const url = shareLinkUrl(sharePath, window.location)
  return (
    <View>
      <BulletinPoster url={posterUrl} fileName={`${saved.bulletinDate}-警情通报.png`} />
      <CopyLink url={url} showUrl />
    </View>
  )
})

/**
 * The step after 发布: a bulletin does its work once it reaches the 平安群. The weapp shares the card (the page's
 * onShareAppMessage gives the bulletin's path); H5 saves the poster or copies the link.
 */
export const BulletinForward = observer(function BulletinForward() {
  const bulletinAdmin = useStore(bulletinAdminStore)
  if (!bulletinAdmin.canForward) return null
  return (
    <View className='card bulletin-forward'>
      <Text className='card-title'>转发到平安群</Text>
      <Text className='hint'>通报已发布。现在转发到村（社区）平安群，让居民及时看到。</Text>
      {isWeapp ? (
        <Button className='big-button' type='primary' size='xlarge' block openType='share'>
          转发到平安群
        </Button>
      ) : (
        <H5Forward />
      )}
    </View>
  )
})
