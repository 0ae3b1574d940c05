import { useEffect, useRef } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { progressBars } from '@/core/coverage'
import { CoverageBar } from '@/components/coverage-bar'
import { ErrorBlock, LoadingBlock } from '@/components/page-state'
import { gridProgressStore } from '@/stores/grid-progress-store'
import { useStore } from '@/stores/stores-context'
import './grid-progress.scss'

/** "2026-10-01" → "10月1日" */
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

/** 我的网格: each of the worker's grids this quarter, as counts and bars that read the same without colour. */
export const GridProgress = observer(function GridProgress() {
  const store = useStore(gridProgressStore)
  useEffect(() => {
    void store.load()
  }, [store])
  // Back from a visit or a pledge: what was just uploaded moves the bars.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void store.load()
    shown.current = true
  })

  const { progress } = store
  if (!progress) {
    if (store.state === 'error') return <ErrorBlock message={store.error ?? '加载失败'} onRetry={() => void store.load()} />
    return <LoadingBlock text='正在统计本季度进度…' />
  }
  return (
    <View className='grid-progress'>
      <View className='hint'>
        <Text>{`${progress.quarter.label}：`}</Text>
        {/* Each date on one line: a date broken mid-number reads as two. */}
        <Text className='grid-progress__date'>{monthDay(progress.quarter.from)}</Text>
        <Text> 至 </Text>
        <Text className='grid-progress__date'>{monthDay(progress.quarter.to)}</Text>
      </View>
      {progress.grids.map((g) => (
        <View key={g.gridId} className='card grid-progress__card'>
          <Text className='card-title'>{g.gridName}</Text>
          <Text className='hint'>{`共 ${g.households} 户，其中一老一小 ${g.vulnerable} 户`}</Text>
          {progressBars(g).map((bar) => <CoverageBar key={bar.label} {...bar} />)}
        </View>
      ))}
    </View>
  )
})
