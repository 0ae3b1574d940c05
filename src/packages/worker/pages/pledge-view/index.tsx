import { useEffect } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import dayjs from 'dayjs'
import type { HouseholdSummary } from '@/contract/households'
import type { PledgeSummary } from '@/contract/pledges'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { pledgeViewStore } from '@/stores/pledge-view-store'
import { HouseholdGate } from '../../components/household-gate'
import { HouseholdHeader } from '../../components/household-header'
import '@/components/print-pages.scss'
import './index.scss'
import { DescribedImage } from '@/components/described-image'

/** The phone's own clock, as the worker lived the visit. */
const signedAtText = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm')

/** H5 only: the browser saves the rendering under a name that tells whose pledge it is. */
function saveSvg(dataUrl: string, fileName: string): void {
  const link = document.createElement('a')
  link.href = dataUrl
  link.download = fileName
  link.click()
}

function PledgeRow({ pledge, onOpen }: { pledge: PledgeSummary; onOpen: () => void }) {
  return (
    <View className='card pledge-row' role='button' onClick={onOpen}>
      <Text className='card-title'>{`${pledge.signerName}（${pledge.signerRelation}）`}</Text>
      <Text className='hint'>{`签署时间 ${signedAtText(pledge.signedAt)}`}</Text>
      <Text className='hint'>{`宣讲人 ${pledge.workerName} · 本村第 ${pledge.seq} 份`}</Text>
      <Text className='pledge-row__open'>查看 ›</Text>
    </View>
  )
}

const PledgeList = observer(function PledgeList({ householdId }: { householdId: string }) {
  const pledgeView = useStore(pledgeViewStore)
  if (pledgeView.state === 'error') {
    return <ErrorBlock message={pledgeView.error ?? '加载失败'} onRetry={() => void pledgeView.load(householdId)} />
  }
  if (pledgeView.state !== 'ready') return <LoadingBlock text='正在加载承诺书…' />
  if (pledgeView.pledges.length === 0) {
    return <EmptyBlock title='这户还没有已上传的承诺书' description='签署后上传成功，即可在这里查看和打印' />
  }
  return (
    <View>
      <Text className='section-title'>{`已签署 ${pledgeView.pledges.length} 份（点一下查看）`}</Text>
      {pledgeView.newestFirst.map((pledge) => (
        <PledgeRow key={pledge.id} pledge={pledge} onOpen={() => void pledgeView.open(pledge.id)} />
      ))}
    </View>
  )
})

/**
 * Printing and saving are H5 only. In the mini-program there is no print, saveImageToPhotosAlbum takes raster files
 * only, and a copied link would not open because the rendering needs the worker's bearer: so the buttons are hidden there.
 */
const PledgeSheet = observer(function PledgeSheet({ pledge, household }: { pledge: PledgeSummary; household: HouseholdSummary }) {
  const pledgeView = useStore(pledgeViewStore)
  const imageUrl = pledgeView.imageUrl
  let sheet
  if (pledgeView.sheetState === 'error') {
    sheet = <ErrorBlock message={pledgeView.sheetError ?? '加载失败'} onRetry={() => void pledgeView.open(pledge.id)} />
  } else if (!imageUrl) {
    sheet = <LoadingBlock text='正在生成承诺书…' />
  } else {
    sheet = (
      <View>
        <View className='print-area scroll-region'>
          <View className='print-page'>
            <DescribedImage className='pledge-sheet' src={imageUrl} mode='widthFix' alt={`${pledge.signerName}签署的承诺书`} />
          </View>
        </View>
        <View className='no-print'>
          {process.env.TARO_ENV === 'h5' ? (
            <View>
              <Button className='big-button' type='primary' size='xlarge' block onClick={() => window.print()}>
                打印
              </Button>
              <Button className='big-button' size='xlarge' block onClick={() => saveSvg(imageUrl, `反诈承诺书-${household.code}-第${pledge.seq}份.svg`)}>
                保存图片
              </Button>
            </View>
          ) : (
            <Text className='hint'>如需打印或保存，请在电脑浏览器中登录后打开本页。</Text>
          )}
        </View>
      </View>
    )
  }
  return (
    <View>
      <View className='no-print'>
        <Button className='big-button' size='xlarge' block onClick={() => pledgeView.close()}>
          ‹ 返回列表
        </Button>
      </View>
      {sheet}
    </View>
  )
})

/** A household's signed pledges, newest first; tapping one shows it as it was signed, ready to print. */
export default observer(function PledgeViewPage() {
  const { doors } = useStores()
  const pledgeView = useStore(pledgeViewStore)
  const householdId = useRouter().params.householdId ?? ''

  useEffect(() => {
    void doors.ensureHousehold(householdId)
    void pledgeView.load(householdId)
  }, [doors, pledgeView, householdId])

  const opened = pledgeView.opened
  return (
    <HouseholdGate householdId={householdId}>{(household) => (
      <PageShell>
        <View className='no-print'>
          <HouseholdHeader household={household} />
        </View>
        {opened ? <PledgeSheet pledge={opened} household={household} /> : <PledgeList householdId={householdId} />}
      </PageShell>
    )}</HouseholdGate>
  )
})
