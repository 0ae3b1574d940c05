import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import dayjs from 'dayjs'
import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { fraudTypeName } from '@/core/fraud-types'
import { WARNING_SOURCES, WARNING_STATE_LABELS } from '@/core/warnings'
import { formatYuan, warningEventText, WARNING_STEP_LABELS } from '@/core/warnings-format'
import { ROUTES } from '@/navigation/routes'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { WarningCard } from '@/components/warning-card'
import { useStore } from '@/stores/stores-context'
import { warningDetailStore } from '@/stores/warning-detail-store'
import './index.scss'

const time = (iso: string) => dayjs(iso).format('MM-DD HH:mm')

const Facts = observer(function Facts() {
  const warningDetail = useStore(warningDetailStore)
  const w = warningDetail.warning
  if (!w) return null
  const source = WARNING_SOURCES.find((s) => s.key === w.source)?.name ?? w.source
  return (
    <View className='card'>
      <Text className='warning-fact'>{`状态：${WARNING_STATE_LABELS[w.state]}${w.overdue ? '（已超时）' : ''}`}</Text>
      <Text className='warning-fact'>{`诈骗类型：${fraudTypeName(w.fraudType)}`}</Text>
      <Text className='warning-fact'>{`来源：${source} · 收到 ${time(w.receivedAt)} · 限 ${time(w.contactDueAt)} 前联系`}</Text>
      <Text className='warning-fact'>{`地址：${w.address || w.regionName}`}</Text>
      {w.amountAtRisk !== null && <Text className='warning-fact'>{`涉及金额：${formatYuan(w.amountAtRisk)}`}</Text>}
      {w.lossAmount !== null && <Text className='warning-fact'>{`被骗金额：${formatYuan(w.lossAmount)}`}</Text>}
      <Text className='warning-fact'>{`处置人：${w.assignee?.name ?? '未分派'}`}</Text>
    </View>
  )
})

/** Only the assignee sees 一键拨打; the number is fetched at the tap and goes straight to the dialer. */
const CallButton = observer(function CallButton() {
  const warningDetail = useStore(warningDetailStore)
  if (!warningDetail.warning?.canRevealPhone) return null
  return (
    <View>
      <Button className='big-button' type='primary' size='xlarge' block loading={warningDetail.calling} onClick={() => void warningDetail.call()}>
        一键拨打
      </Button>
      {warningDetail.callError && <Text className='error-text'>{`无法拨打：${warningDetail.callError}`}</Text>}
    </View>
  )
})

const StepPanel = observer(function StepPanel() {
  const d = useStore(warningDetailStore)
  const w = d.warning
  if (!w || w.allowedSteps.length === 0) return null
  return (
    <View className='card'>
      <Text className='card-title'>记录处置</Text>
      <Text className='form-label'>备注（重新打开时必填原因）</Text>
      <Input value={d.note} placeholder='如：已电话劝阻，当事人停止转账' onChange={(note) => d.setNote(note)} />
      {d.confirming ? (
        <View role='group' aria-label='确认处置'>
          <Text className='section-title'>{`确认记录“${WARNING_STEP_LABELS[d.confirming]}”？`}</Text>
          {d.needsLoss && (
            <View>
              <Text className='form-label'>被骗金额（元）</Text>
              <Input value={d.lossAmount} type='digit' placeholder='如：20000' onChange={(text) => d.setLossAmount(text)} />
            </View>
          )}
          <Button className='big-button' type='primary' size='large' block loading={d.submitting} onClick={() => void d.confirm()}>
            确认
          </Button>
          <Button className='big-button' size='large' block onClick={() => d.cancel()}>
            取消
          </Button>
        </View>
      ) : (
        <View className='warning-steps'>
          {w.allowedSteps.map((step) => (
            <Button key={step} className='warning-step' size='large' loading={d.submitting} onClick={() => void d.choose(step)}>
              {WARNING_STEP_LABELS[step]}
            </Button>
          ))}
        </View>
      )}
      {d.stepError && (
        <View role='alert'>
          <Text className='error-text'>{d.stepError}</Text>
        </View>
      )}
    </View>
  )
})

const Timeline = observer(function Timeline() {
  const warningDetail = useStore(warningDetailStore)
  const events = warningDetail.warning?.events ?? []
  return (
    <View className='card'>
      <Text className='card-title'>处置记录</Text>
      {events.map((e, i) => (
        <Text key={`${e.at}:${i}`} className='warning-event'>{`${time(e.at)} ${warningEventText(e)}`}</Text>
      ))}
    </View>
  )
})

export default observer(function WarningPage() {
  const warningDetail = useStore(warningDetailStore)
  const id = useRouter().params.id ?? ''

  useEffect(() => {
    if (id) void warningDetail.open(id)
  }, [id, warningDetail])

  let body
  if (!id) {
    body = (
      <EmptyBlock
        title='没有指定预警'
        description='请从「预警处置」的待办里打开一条预警'
        action={{ label: '去预警处置', onClick: () => void Taro.redirectTo({ url: ROUTES.warnings }) }}
      />
    )
  } else if (warningDetail.state === 'error') body = <ErrorBlock message={warningDetail.error ?? '加载失败'} onRetry={() => void warningDetail.load()} />
  else if (!warningDetail.warning) body = <LoadingBlock text='正在加载预警…' />
  else {
    body = (
      <View>
        <WarningCard warning={warningDetail.warning} />
        <CallButton />
        <StepPanel />
        <Facts />
        <Timeline />
      </View>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>预警详情</Text>
      {body}
    </PageShell>
  )
})
