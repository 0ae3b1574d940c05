import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore } from '@/stores/stores-context'
import { coverageStore } from '@/stores/coverage-store'
import { ExportButton } from './export-button'

/** 缺口清单: households never visited under the open region, masked, paged, and exported to Excel. */
export const GapList = observer(function GapList({ regionName }: { regionName: string }) {
  const coverage = useStore(coverageStore)

  let body
  if (coverage.gapsState === 'error' && coverage.gaps.length === 0) {
    body = <ErrorBlock message={coverage.gapsError ?? '加载失败'} onRetry={() => void coverage.load()} />
  } else if (coverage.gapsState !== 'ready' && coverage.gaps.length === 0) body = <LoadingBlock text='正在加载未走访住户…' />
  else if (coverage.gaps.length === 0) body = <EmptyBlock title='所有住户都已走访' description='这里没有从未走访的住户' />
  else {
    body = (
      <View>
        <CellGroup>
          {coverage.gaps.map((h) => (
            <Cell
              key={h.id}
              title={`${h.code} · ${h.address}`}
              description={`${h.gridName} · 户主 ${h.headName} · ${h.phoneMasked ?? '未登记电话'}${h.tags.length ? ` · ${h.tags.join('、')}` : ''}`}
            />
          ))}
        </CellGroup>
        {coverage.gapsError && <Text className='error-text'>{coverage.gapsError}</Text>}
        {coverage.hasMoreGaps && (
          <Button className='big-button' size='large' block loading={coverage.gapsState === 'loading'} onClick={() => void coverage.loadMoreGaps()}>
            加载更多（已显示 {coverage.gaps.length}/{coverage.gapsTotal}）
          </Button>
        )}
      </View>
    )
  }

  return (
    <View>
      <Text className='section-title'>缺口清单（从未走访 {coverage.gapsTotal} 户）</Text>
      <ExportButton
        fileName={`${regionName}-未走访住户.xlsx`}
        loading={coverage.exporting}
        disabled={coverage.gapsTotal === 0}
        blob={() => coverage.exportGaps()}
        file={() => coverage.exportGapsFile()}
      />
      {body}
    </View>
  )
})
