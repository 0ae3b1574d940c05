import { useEffect } from 'react'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { BulletinView } from '@/components/bulletin-view'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import { STATUS_LABELS } from '@/stores/bulletin-admin-store'
import { useStore, useStores } from '@/stores/stores-context'
import { bulletinAdminStore } from '@/stores/bulletin-admin-store'
import { BulletinForm, PublishPanel, RetractDialog, SameDayDialog } from '../../components/bulletin-form'
import { BulletinForward } from '../../components/bulletin-forward'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'
// The hook only exists in the mini-program; the choice is fixed at build time, so hook order never changes.
const useShare: typeof useShareAppMessage = isWeapp ? useShareAppMessage : () => undefined

const Preview = observer(function Preview() {
  const bulletinAdmin = useStore(bulletinAdminStore)
  const input = bulletinAdmin.previewInput
  if (!input) return <Text className='error-text'>损失金额请填写数字，改正后才能预览</Text>
  return (
    <View className='bulletin-preview'>
      <Text className='hint'>预览：居民看到的样子</Text>
      <BulletinView {...input} stationName={bulletinAdmin.saved?.stationName ?? '本所'} />
    </View>
  )
})

const Messages = observer(function Messages() {
  const bulletinAdmin = useStore(bulletinAdminStore)
  return (
    <View role='status'>
      {bulletinAdmin.formError && <Text className='error-text'>{bulletinAdmin.formError}</Text>}
      {bulletinAdmin.formDetails.map((d) => <Text key={d} className='error-text'>· {d}</Text>)}
      {bulletinAdmin.notice && <Text className='notice-text'>{bulletinAdmin.notice}</Text>}
    </View>
  )
})

const Versions = observer(function Versions() {
  const bulletinAdmin = useStore(bulletinAdminStore)
  if (bulletinAdmin.versions.length === 0) return null
  return (
    <View className='card'>
      <Text className='card-title'>修改记录</Text>
      {bulletinAdmin.versions.map((v) => (
        <Text key={v.version} className='bulletin-line'>第 {v.version} 版 · {v.title} · {v.editedBy} · {v.editedAt.slice(0, 16).replace('T', ' ')}</Text>
      ))}
    </View>
  )
})

/** Writes a new bulletin from the template, or edits one (`id`); previews, publishes, retracts. */
export default observer(function BulletinEditPage() {
  const { session } = useStores()
  const bulletinAdmin = useStore(bulletinAdminStore)
  const { params } = useRouter()
  const id = params.id
  const region = session.homeRegion()
  const regionId = region?.regionId

  // 转发到平安群 shares the bulletin's resident page, never this editor; before publishing, the bulletin list.
  useShare(() => {
    const path = bulletinAdmin.canForward ? bulletinAdmin.sharePath : null
    return path ? { title: bulletinAdmin.saved?.title ?? '每日警情通报', path } : { title: '每日警情通报', path: ROUTES.bulletins }
  })

  useEffect(() => {
    if (id) void bulletinAdmin.edit(id)
    else if (regionId) bulletinAdmin.startNew(regionId)
  }, [bulletinAdmin, id, regionId])

  if (!region) {
    return (
      <PageShell>
        <EmptyBlock title='您没有编写通报的权限' description='通报由派出所编写和发布' />
      </PageShell>
    )
  }
  let body
  if (bulletinAdmin.state === 'error') body = <ErrorBlock message={bulletinAdmin.loadError ?? '加载失败'} onRetry={() => id && void bulletinAdmin.edit(id)} />
  else if (bulletinAdmin.state !== 'ready' || !bulletinAdmin.draft) body = <LoadingBlock text='正在打开通报…' />
  else {
    const saved = bulletinAdmin.saved
    body = (
      <View>
        {saved && <Text className='hint'>状态：{STATUS_LABELS[saved.status]} · 第 {saved.version} 版</Text>}
        <Button className='big-button' size='large' block onClick={() => bulletinAdmin.togglePreview()}>
          {bulletinAdmin.previewing ? '返回编辑' : '预览'}
        </Button>
        {bulletinAdmin.previewing ? <Preview /> : <BulletinForm />}
        <Messages />
        <BulletinForward />
        <Button className='big-button' size='large' block loading={bulletinAdmin.saving} onClick={() => void bulletinAdmin.save()}>
          保存草稿
        </Button>
        {saved?.status !== 'retracted' && <PublishPanel />}
        {saved && saved.status !== 'draft' && (
          <Button className='big-button' size='large' block onClick={() => void Taro.navigateTo({ url: `${ROUTES.bulletinReach}?id=${encodeURIComponent(saved.id)}` })}>
            转发情况
          </Button>
        )}
        {bulletinAdmin.canRetract && (
          <Button className='big-button' size='large' block onClick={() => bulletinAdmin.askRetract()}>
            撤回通报
          </Button>
        )}
        <Versions />
        <RetractDialog />
        <SameDayDialog />
      </View>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>{id ? '修改通报' : '编写通报'}</Text>
      {body}
    </PageShell>
  )
})
