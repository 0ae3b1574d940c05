import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { groupStore } from '@/stores/group-store'
import { useStore, useStores } from '@/stores/stores-context'
import { GroupLabelForm } from '../../components/bulletin-group-form'
import '../groups/index.scss'

/** Labels one group (`id`) on a page of its own, so that back, 取消 and a save all return to 群管理's list. */
export default observer(function GroupLabelPage() {
  const { session } = useStores()
  const groups = useStore(groupStore)
  const id = useRouter().params.id ?? ''
  const regionId = session.homeRegion()?.regionId

  useEffect(() => {
    if (regionId && id) void groups.openLabel(id, regionId)
  }, [groups, id, regionId])

  let body
  if (!regionId) body = <EmptyBlock title='您没有管理微信群的权限' description='群管理供派出所和村（社区）干部使用' />
  else if (!id) body = <EmptyBlock title='请先选择微信群' description='在群管理的列表中点“标注并认领”' />
  else if (groups.editingId === id) body = <GroupLabelForm onClose={() => void Taro.navigateBack()} />
  else if (groups.state === 'error') body = <ErrorBlock message={groups.error ?? '加载失败'} onRetry={() => void groups.openLabel(id, regionId)} />
  else if (groups.state !== 'ready') body = <LoadingBlock text='正在打开微信群…' />
  // Saved or cancelled: the page is on its way back to the list.
  else if (groups.groups.some((g) => g.id === id)) body = <LoadingBlock text='正在返回群管理…' />
  else body = <EmptyBlock title='找不到这个微信群' description='它可能已被其他干部认领，请回到群管理查看' />
  return <PageShell>{body}</PageShell>
})
