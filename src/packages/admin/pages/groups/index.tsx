import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Tag } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import type { SubscribeInput, WeChatGroup } from '@/core/bulletin-api'
import { SUBSCRIBE_TEMPLATES } from '@/core/bulletin-api'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { TIER_NAMES } from '@/stores/reach-store'
import { useStores } from '@/stores/stores-context'
import { adminHomeRegion } from '../../admin-region'
import { GroupLabelForm } from '../../components/bulletin-group-form'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'
/** Must equal the server's BULLETIN_REMINDER_TEMPLATE_ID; a real deployment puts its own WeChat template id here. */
const REMINDER_TEMPLATE_ID = 'demo-bulletin-reminder-template'

/** WeChat answers per template id; a dialog closed without an answer counts as a refusal. */
async function askReminder(): Promise<SubscribeInput['result']> {
  try {
    const answer = await Taro.requestSubscribeMessage({ tmplIds: [REMINDER_TEMPLATE_ID], entityIds: [] })
    const result = (answer as unknown as Record<string, string>)[REMINDER_TEMPLATE_ID]
    return result === 'accept' || result === 'ban' || result === 'filter' ? result : 'reject'
  } catch {
    return 'reject'
  }
}

const ReminderOptIn = observer(function ReminderOptIn() {
  const { groups } = useStores()
  return (
    <View className='card'>
      <Text className='card-title'>{SUBSCRIBE_TEMPLATES.bulletin_reminder.title}</Text>
      <Text className='hint'>{SUBSCRIBE_TEMPLATES.bulletin_reminder.description}。每点一次“允许”可收到一次提醒。</Text>
      {isWeapp ? (
        <Button className='big-button' type='primary' size='large' block onClick={() => void askReminder().then((r) => groups.recordSubscription(r))}>
          开启转发提醒
        </Button>
      ) : (
        <Text className='hint'>转发提醒是微信订阅消息，请在微信小程序中开启。</Text>
      )}
      {groups.subscribeMessage && <Text className='notice-text'>{groups.subscribeMessage}</Text>}
    </View>
  )
})

const GroupCard = observer(function GroupCard({ group, homeRegionId }: { group: WeChatGroup; homeRegionId: string }) {
  const { session, groups } = useStores()
  const mine = group.ownerId !== null && group.ownerId === session.me?.id
  const owner = group.ownerId === null ? '无人认领' : mine ? '我负责' : `负责人：${group.ownerName ?? '—'}`
  return (
    <View className='card'>
      <Text className='card-title'>{group.name ?? '未标注的群'}</Text>
      <Text className='hint'>
        {group.tier ? TIER_NAMES[group.tier] : '类型未标注'} · {group.regionName ?? '村社未标注'} · {owner} · 首次出现 {group.firstSeenAt.slice(0, 10)}
      </Text>
      <Button className='big-button' size='large' block onClick={() => groups.startLabel(group, homeRegionId)}>
        {group.labelledAt ? '修改标注' : '标注并认领'}
      </Button>
    </View>
  )
})

/** A cadre labels the groups they own and claims the unlabelled ones that bulletins were opened from. */
export default observer(function GroupsPage() {
  const { session, groups } = useStores()
  const regionId = adminHomeRegion(session.roles)?.regionId

  useEffect(() => {
    if (regionId) void groups.load(regionId)
  }, [groups, regionId])

  if (!regionId) {
    return (
      <PageShell>
        <EmptyBlock title='您没有管理微信群的权限' description='群管理供派出所和村（社区）干部使用' />
      </PageShell>
    )
  }
  let body
  if (groups.editingId) body = <GroupLabelForm />
  else if (groups.state === 'error') body = <ErrorBlock message={groups.error ?? '加载失败'} onRetry={() => void groups.load(regionId)} />
  else if (groups.state !== 'ready') body = <LoadingBlock text='正在加载微信群…' />
  else if (groups.groups.length === 0) {
    body = <EmptyBlock title='还没有微信群' description='把通报转发到群里，群里有人打开后，群就会出现在这里' />
  } else body = groups.groups.map((g) => <GroupCard key={g.id} group={g} homeRegionId={regionId} />)
  return (
    <PageShell>
      <Text className='page-title'>群管理</Text>
      <ReminderOptIn />
      <View className='tag-choices'>
        <Tag type={groups.unlabelledOnly ? 'default' : 'primary'} plain={groups.unlabelledOnly} onClick={() => void groups.showUnlabelledOnly(false)}>
          {groups.unlabelledOnly ? '全部' : '✓ 全部'}
        </Tag>
        <Tag type={groups.unlabelledOnly ? 'primary' : 'default'} plain={!groups.unlabelledOnly} onClick={() => void groups.showUnlabelledOnly(true)}>
          {groups.unlabelledOnly ? `✓ 待标注（${groups.unlabelledCount}）` : '待标注'}
        </Tag>
      </View>
      {body}
    </PageShell>
  )
})
