import { useEffect, useRef } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { progressBars } from '@/core/coverage'
import { CoverageBar } from '@/components/coverage-bar'
import { ErrorBlock, LoadingBlock } from '@/components/page-state'
import { gridProgressStore } from '@/stores/grid-progress-store'
import { useStore } from '@/stores/stores-context'

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
      <Text className='hint'>{`${progress.quarter.label}（${progress.quarter.from} 至 ${progress.quarter.to}）`}</Text>
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
