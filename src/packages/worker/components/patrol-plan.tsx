import { useEffect, useRef } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import type { PatrolSuggestion } from '@/contract/patrol'
import { whenSaved } from '@/core/offline-freshness'
import { ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { householdStore } from '@/stores/household-store'
import { patrolStore } from '@/stores/patrol-store'
import { useOpenVisitForm } from '../open-visit-form'
import { PledgeEntry } from './pledge-entry'
import { VisitTaskList } from './visit-task-list'

const SuggestionCell = observer(function SuggestionCell({ suggestion, rank }: { suggestion: PatrolSuggestion; rank: number }) {
  const openVisitForm = useOpenVisitForm()
  const { queue } = useStores()
  const { household } = suggestion
  // A plan kept offline still lists doors visited since: the worker should not knock twice.
  const recorded = queue.hasWaiting('visit', household.id)
  return (
    <Cell
      className='tap-target'
      clickable
      onClick={() => openVisitForm(household)}
      title={`${rank}. ${household.code} · ${household.address}`}
      description={
        <View>
          <Text className='hint'>建议理由：{suggestion.reason}</Text>
          <PledgeEntry household={household} />
        </View>
      }
      extra={recorded ? '已记录 · 待上传' : '去走访'}
    />
  )
})

/** Today's door-visit tasks and suggested doors for the selected grid, above the full household list. */
export const PatrolPlan = observer(function PatrolPlan() {
  const households = useStore(householdStore)
  const patrol = useStore(patrolStore)
  const gridId = households.gridId

  useEffect(() => {
    if (gridId) void patrol.load(gridId)
  }, [gridId, patrol])
  // Back from a visit: the household just visited leaves today's plan.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && gridId) void patrol.load(gridId)
    shown.current = true
  })

  let body
  if (patrol.state === 'error') body = <ErrorBlock message={patrol.error ?? '加载失败'} onRetry={() => gridId && void patrol.load(gridId)} />
  else if (patrol.state !== 'ready') body = <LoadingBlock text='正在生成今日巡访建议…' />
  else if (patrol.items.length === 0) body = <Text className='hint'>今天没有待走访的建议住户</Text>
  else {
    body = (
      <CellGroup>
        {patrol.items.map((s, i) => <SuggestionCell key={s.household.id} suggestion={s} rank={i + 1} />)}
      </CellGroup>
    )
  }
  return (
    <View>
      <VisitTaskList />
      <Text className='section-title'>今日巡访建议</Text>
      {patrol.keptAt && patrol.state === 'ready' && (
        <Text className='hint'>暂时连不上网络 · 显示 {whenSaved(patrol.keptAt, new Date())} 保存的建议，走访记录会先存在手机上</Text>
      )}
      {body}
    </View>
  )
})
