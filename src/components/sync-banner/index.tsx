import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import { useStores } from '@/stores/stores-context'
import type { QueuedItem } from '@/stores/visit-queue-store'
import './index.scss'

const KIND_LABELS = { visit: '走访', pledge: '承诺书' } as const

/**
 * 上传失败 is kept for records the server refused: no signal or a busy server only delays the upload, and saying
 * "failed" then makes workers record the same door twice.
 */
function statusLine(pending: number, syncing: boolean, offline: boolean, failed: boolean): string {
  if (pending === 0) return '✓ 全部已上传'
  if (syncing) return `待上传 ${pending} 条 · 正在上传…`
  if (offline) return `待上传 ${pending} 条 · 联网后自动上传`
  if (failed) return `待上传 ${pending} 条 · 服务器暂未接收，将自动重试`
  return `待上传 ${pending} 条`
}

/** What is still on this phone: how many records wait, whether they are going up, and any the server refused. */
export const SyncBanner = observer(function SyncBanner() {
  const { queue } = useStores()
  const [removing, setRemoving] = useState<QueuedItem | null>(null)
  const failed = queue.lastError !== null
  const offline = failed && queue.offline
  return (
    <View className={`sync-banner ${queue.pendingCount > 0 ? 'sync-banner--pending' : ''}`}>
      <View className='sync-banner__row'>
        <Text className='sync-banner__status'>{statusLine(queue.pendingCount, queue.syncing, offline, failed)}</Text>
        {queue.pendingCount > 0 && !queue.syncing && (
          <Button className='sync-banner__retry' size='large' onClick={() => void queue.retryNow()}>
            立即重试
          </Button>
        )}
      </View>
      {failed && !offline && queue.pendingCount > 0 && <Text className='hint'>原因：{queue.lastError}</Text>}
      {queue.storageError && <Text className='error-text'>{queue.storageError}</Text>}
      {queue.heldForOthersCount > 0 && (
        <Text className='hint'>另有 {queue.heldForOthersCount} 条记录属于其他账号，需该账号登录后上传</Text>
      )}
      {queue.rejected.length > 0 && (
        <View className='sync-banner__rejected'>
          <Text className='error-text'>上传失败 {queue.rejected.length} 条：服务器未接受，请按原因核对住户后删除，需要时重新记录</Text>
          {queue.rejected.map((item) => (
            <View key={item.input.id} className='sync-banner__rejected-item'>
              <Text className='sync-banner__rejected-text'>
                ✗ {KIND_LABELS[item.kind]} {item.householdCode} 上传失败：{item.rejection?.message}
              </Text>
              <Button className='sync-banner__remove' size='large' onClick={() => setRemoving(item)}>
                删除
              </Button>
            </View>
          ))}
        </View>
      )}
      <Dialog
        visible={removing !== null}
        title='删除这条记录？'
        content={removing ? `${KIND_LABELS[removing.kind]} ${removing.householdCode} 将从手机上删除，无法恢复` : ''}
        confirmText='删除'
        cancelText='保留'
        onConfirm={() => {
          if (removing) queue.remove(removing.input.id)
          setRemoving(null)
        }}
        onCancel={() => setRemoving(null)}
      />
    </View>
  )
})
