import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { labelStore } from '@/stores/label-store'
import { regionStore } from '@/stores/region-store'
import { LabelSheets } from '../../components/label-sheets'
import { RegionPicker } from '../../components/region-picker'
import { ReissueDialog } from '../../components/reissue-dialog'
import './index.scss'

const isH5 = process.env.TARO_ENV === 'h5'

const SheetPreview = observer(function SheetPreview() {
  const labels = useStore(labelStore)
  if (labels.state === 'idle') return null
  if (labels.state === 'loading') return <LoadingBlock text='正在生成门牌…' />
  if (labels.state === 'error') return <ErrorBlock message={labels.error ?? '生成失败'} onRetry={() => void labels.generate()} />
  if (!labels.sheet || labels.pages.length === 0) return <EmptyBlock title='没有可打印的门牌' description='所选网格还没有住户' />
  return (
    <View>
      <View className='no-print'>
        <Text className='hint'>共 {labels.sheet.labels.length} 张门牌，{labels.pages.length} 页 A4</Text>
        {isH5 ? (
          <Button className='big-button' type='primary' size='large' block onClick={() => window.print()}>
            打印
          </Button>
        ) : (
          <Text className='hint'>请在电脑浏览器中打开管理后台的“打印门牌”进行打印。</Text>
        )}
        <Button className='big-button' size='large' block loading={labels.reissuing} onClick={() => labels.askReissue()}>
          重新生成
        </Button>
      </View>
      <LabelSheets sheet={labels.sheet} pages={labels.pages} windowWidth={Taro.getWindowInfo().windowWidth} />
    </View>
  )
})

export default observer(function LabelsPage() {
  const { session } = useStores()
  const regions = useStore(regionStore)
  const labels = useStore(labelStore)
  const [choosing, setChoosing] = useState(labels.target === null)

  useEffect(() => {
    if (session.isAdminOrCadre && regions.state === 'idle') void regions.load()
  }, [session.isAdminOrCadre, regions])

  if (!session.isAdminOrCadre) {
    return (
      <PageShell>
        <EmptyBlock title='您没有打印门牌的权限' description='打印门牌供派出所和村（社区）干部使用' />
      </PageShell>
    )
  }
  const target = labels.target
  return (
    <PageShell>
      <View className='no-print'>
        <Text className='page-title'>打印门牌</Text>
        <Text className='hint'>选择一个网格，或在住户管理中勾选住户，然后生成门牌。二维码只含门牌编号，不含个人信息。</Text>
        {target && <Text className='section-title'>当前：{labels.targetName}</Text>}
        {choosing || !target ? (
          <View>
            <Text className='section-title'>选择网格</Text>
            <RegionPicker
              selectedId={target && 'gridId' in target ? target.gridId : null}
              canPick={(node) => node.level === 'grid'}
              onPick={(node) => {
                labels.chooseGrid(node.id, regions.titleOf(node))
                setChoosing(false)
              }}
            />
          </View>
        ) : (
          <Button className='big-button' size='large' block onClick={() => setChoosing(true)}>
            更换网格
          </Button>
        )}
        {target && (
          <Button className='big-button' type='primary' size='large' block disabled={labels.state === 'loading'} onClick={() => void labels.generate()}>
            生成门牌
          </Button>
        )}
      </View>
      <SheetPreview />
      <ReissueDialog />
    </PageShell>
  )
})
