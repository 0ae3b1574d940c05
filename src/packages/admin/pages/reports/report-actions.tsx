import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { useStore } from '@/stores/stores-context'
import { reportStore } from '@/stores/report-store'
import { ExportButton } from '../../components/export-button'

/** 导出Excel and 复制通报: the 通报 text is shown first, so the cadre sees what will be pasted into the group. */
export const ReportActions = observer(function ReportActions() {
  const reports = useStore(reportStore)
  const ready = reports.state === 'ready'

  const copySummary = async () => {
    try {
      await Taro.setClipboardData({ data: reports.summary ?? '' })
      void Taro.showToast({ title: '已复制，可粘贴到微信群', icon: 'none' })
    } catch {
      void Taro.showToast({ title: '复制失败，请长按文字复制', icon: 'none' })
    }
  }

  return (
    <View>
      <View className='report-actions'>
        <ExportButton
          fileName={reports.exportFileName}
          loading={reports.exporting}
          disabled={!ready}
          blob={() => reports.exportXlsx()}
          file={() => reports.exportXlsxFile()}
        />
        <Button className='big-button' size='large' loading={reports.summaryState === 'loading'} disabled={!ready} onClick={() => void reports.loadSummary()}>
          复制通报
        </Button>
      </View>
      {reports.summaryError && <Text className='error-text'>{reports.summaryError}</Text>}
      {reports.summary !== null && (
        <View className='card report-summary'>
          <Text className='card-title'>通报预览</Text>
          <Text className='report-summary__text' userSelect>{reports.summary}</Text>
          <Button className='big-button' type='primary' size='large' block onClick={() => void copySummary()}>
            复制到剪贴板
          </Button>
          <Button className='big-button' size='large' block onClick={() => reports.closeSummary()}>
            收起
          </Button>
        </View>
      )}
    </View>
  )
})
