import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { EmptyBlock } from '@/components/page-state'
import { TIER_NAMES, type TierLine } from '@/stores/reach-store'
import { useStore } from '@/stores/stores-context'
import { reachStore } from '@/stores/reach-store'

const OUTBOX_STATUS: Record<'pending' | 'sent' | 'failed', string> = { pending: '待发送', sent: '已发送', failed: '发送失败' }

const time = (iso: string | null) => (iso ? iso.slice(5, 16).replace('T', ' ') : '—')

/** A bar whose numbers are written beside it: the reach is read from text, never from colour or length alone. */
function TierBar({ line }: { line: TierLine }) {
  const minutes = line.medianMinutes === null ? '' : `，中位 ${line.medianMinutes} 分钟到达`
  return (
    <View className='reach-tier'>
      <Text className='reach-tier__label'>
        {line.label}：已到达 {line.reached} / {line.registered} 个（{line.percent}%）{minutes}
      </Text>
      <View className='reach-bar' role='img' aria-label={`${line.label}到达 ${line.percent}%`}>
        <View className='reach-bar__fill' style={{ width: `${line.percent}%` }} />
      </View>
    </View>
  )
}

export const ReachSummary = observer(function ReachSummary() {
  const reach = useStore(reachStore)
  const r = reach.reach
  if (!r) return null
  return (
    <View className='card'>
      <Text className='card-title'>到达情况（发布后 {r.withinHours} 小时内）</Text>
      <Text className='bulletin-line'>打开 {r.opens} 次 · {r.uniqueReaders} 人 · 转发 {r.shares} 次</Text>
      {reach.tierLines.map((line) => <TierBar key={line.tier} line={line} />)}
    </View>
  )
})

export const NotReachedList = observer(function NotReachedList() {
  const reach = useStore(reachStore)
  const missing = reach.reach?.notReached ?? []
  return (
    <View className='card'>
      <Text className='card-title'>未到达的群（{missing.length} 个）</Text>
      {missing.length === 0 ? (
        <Text className='bulletin-line'>登记的群都已收到</Text>
      ) : (
        missing.map((g) => (
          <Text key={g.groupId} className='bulletin-line'>
            {g.name ?? '未标注的群'}{g.tier ? `（${TIER_NAMES[g.tier]}）` : ''} · 负责人：{g.ownerName ?? '无人认领'}
          </Text>
        ))
      )}
    </View>
  )
})

export const ShareTree = observer(function ShareTree() {
  const reach = useStore(reachStore)
  const rows = reach.treeRows
  return (
    <View className='card'>
      <Text className='card-title'>转发链</Text>
      {rows.length === 0 ? (
        <Text className='bulletin-line'>还没有人转发</Text>
      ) : (
        rows.map(({ node, depth }) => (
          <Text key={node.id} className={`bulletin-line share-depth-${Math.min(depth, 4)}`}>
            {'└ '.repeat(depth > 0 ? 1 : 0)}第 {node.tier} 级 · {node.sharerName ?? '居民'}
            {node.groupName ? ` · 来自「${node.groupName}」` : ''} · 打开 {node.opens} 次 · {time(node.createdAt)}
          </Text>
        ))
      )}
    </View>
  )
})

export const DailyChart = observer(function DailyChart() {
  const reach = useStore(reachStore)
  if (reach.daily.length === 0) return <EmptyBlock title='近 7 天没有通报数据' />
  return (
    <View className='card'>
      <Text className='card-title'>近 7 天</Text>
      {reach.daily.map((d) => (
        <View key={d.date} className='reach-day'>
          <Text className='bulletin-line'>
            {d.date.slice(5)}：{d.bulletins} 条通报 · 平安群 {d.groupsReached.tier1} · 村群 {d.groupsReached.tier2} · 打开 {d.opens} 次 · {d.uniqueReaders} 人
          </Text>
          <View className='reach-bar' role='img' aria-label={`${d.date} 打开 ${d.opens} 次`}>
            <View className='reach-bar__fill' style={{ width: `${Math.round((d.opens / reach.dailyMaxOpens) * 100)}%` }} />
          </View>
        </View>
      ))}
    </View>
  )
})

export const CadreTable = observer(function CadreTable() {
  const reach = useStore(reachStore)
  return (
    <View className='card'>
      <Text className='card-title'>干部转发（近 30 天）</Text>
      {reach.cadres.length === 0 ? (
        <Text className='bulletin-line'>暂无干部数据</Text>
      ) : (
        <View role='table' className='reach-table scroll-region'>
          <View role='row' className='reach-row reach-row--head'>
            {['姓名', '村社', '负责群', '已转发/已发布', '到达群', '最近转发'].map((h) => <View key={h} role='columnheader' className='reach-cell'>{h}</View>)}
          </View>
          {reach.cadres.map((c) => (
            <View key={c.userId} role='row' className='reach-row'>
              <View role='cell' className='reach-cell'>{c.name}</View>
              <View role='cell' className='reach-cell'>{c.regionName}</View>
              <View role='cell' className='reach-cell'>{c.groupsOwned}</View>
              <View role='cell' className='reach-cell'>{c.bulletinsForwarded}/{c.bulletinsPublished}</View>
              <View role='cell' className='reach-cell'>{c.groupsReached}</View>
              <View role='cell' className='reach-cell'>{time(c.lastForwardedAt)}</View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
})

export const OutboxList = observer(function OutboxList() {
  const reach = useStore(reachStore)
  return (
    <View className='card'>
      <Text className='card-title'>提醒消息</Text>
      {reach.outbox.length === 0 ? (
        <Text className='bulletin-line'>没有待发或失败的提醒</Text>
      ) : (
        reach.outbox.map((m) => (
          <Text key={m.id} className='bulletin-line'>
            {m.userName} · {OUTBOX_STATUS[m.status]}{m.attempts > 1 ? `（已尝试 ${m.attempts} 次）` : ''}
            {m.lastError ? ` · ${m.lastError}` : ''} · {time(m.sentAt ?? m.createdAt)}
          </Text>
        ))
      )}
    </View>
  )
})

