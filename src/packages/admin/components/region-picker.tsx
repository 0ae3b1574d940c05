import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import { observer } from 'mobx-react-lite'
import type { RegionNode } from '@/contract/regions'
import { REGION_LEVEL_LABELS } from '@/core/regions'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore } from '@/stores/stores-context'
import { regionStore } from '@/stores/region-store'
import '../region-depth.scss'

interface RegionPickerProps {
  selectedId: string | null
  /** Which regions may be picked; the others only open and close. */
  canPick: (node: RegionNode) => boolean
  onPick: (node: RegionNode) => void
}

/** The admin's region tree as a picker: tapping opens a level, and picks a region where that is allowed. */
export const RegionPicker = observer(function RegionPicker({ selectedId, canPick, onPick }: RegionPickerProps) {
  const regions = useStore(regionStore)
  if (regions.state === 'idle' || regions.state === 'loading') return <LoadingBlock text='正在加载辖区…' />
  if (regions.state === 'error') return <ErrorBlock message={regions.error ?? '加载失败'} onRetry={() => void regions.load()} />
  if (regions.rows.length === 0) return <EmptyBlock title='还没有辖区数据' />
  return (
    <CellGroup>
      {regions.rows.map(({ node, depth, hasChildren, expanded }) => {
        const pickable = canPick(node)
        const tap = () => {
          if (hasChildren) regions.toggle(node.id)
          if (pickable) onPick(node)
        }
        return (
          <Cell
            key={node.id}
            className={`tap-target region-row region-depth-${depth}`}
            title={`${selectedId === node.id ? '✓ ' : ''}${node.name}`}
            description={`${REGION_LEVEL_LABELS[node.level]} · ${node.householdCount} 户`}
            extra={hasChildren ? (expanded ? '收起' : '展开') : pickable ? '选择' : ''}
            clickable
            onClick={tap}
          />
        )
      })}
    </CellGroup>
  )
})
