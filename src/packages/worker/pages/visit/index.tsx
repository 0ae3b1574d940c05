import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import dayjs from 'dayjs'
import type { HouseholdDetail, HouseholdSummary } from '@/contract/households'
import type { LatLng } from '@/core/households'
import type { ChecklistKey } from '@/core/visits'
import { PageShell } from '@/components/page-shell'
import { SyncBanner } from '@/components/sync-banner'
import { pledgeViewUrl } from '@/pages/door/door-link'
import { useStores } from '@/stores/stores-context'
import { NOTHING_CHECKED } from '@/stores/visit-queue-store'
import { MAX_VISIT_NOTE_LENGTH } from '@/stores/visit-queue-store'
import { HouseholdGate } from '../../components/household-gate'
import { HouseholdHeader } from '../../components/household-header'
import { LocationField } from '../../components/location-field'
import { confirmSavedAndLeave } from '../../leave-form'
import './index.scss'

type Checks = Record<ChecklistKey, boolean>

/** Only the server's detail knows of uploaded pledges; a household picked from a list shows no link. */
const hasUploadedPledge = (household: HouseholdSummary | HouseholdDetail) => 'pledgedAt' in household && household.pledgedAt !== null

function CheckRow({ label, on, onToggle }: { label: string; on: boolean; onToggle: () => void }) {
  return (
    <View className={`check-row ${on ? 'check-row--on' : ''}`} onClick={onToggle}>
      <View className='check-row__box'>{on ? '✓' : ''}</View>
      <Text className='check-row__label'>{label}</Text>
      <Text className='check-row__state'>{on ? '已完成' : '未完成'}</Text>
    </View>
  )
}

export default observer(function VisitFormPage() {
  const { doors, queue } = useStores()
  const householdId = useRouter().params.householdId ?? ''
  const [checks, setChecks] = useState<Checks>(NOTHING_CHECKED)
  const [note, setNote] = useState('')
  const [geo, setGeo] = useState<LatLng | null>(null)
  const [openedAt] = useState(() => new Date())
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    void doors.ensureHousehold(householdId)
  }, [doors, householdId])

  // The form stays as typed until the record is safely queued: a failure here loses nothing.
  const save = async (household: HouseholdSummary) => {
    if (saving) return
    setSaving(true)
    try {
      const id = await queue.recordVisit({ householdId, householdCode: household.code, checks, note, geo })
      await confirmSavedAndLeave(queue, id)
    } catch {
      void Taro.showToast({ title: '保存失败，请再点一次保存', icon: 'none', duration: 2000 })
    } finally {
      setSaving(false)
    }
  }

  return (
    <HouseholdGate householdId={householdId}>{(household) => (
      <PageShell>
        <SyncBanner />
        <HouseholdHeader household={household} />
        {hasUploadedPledge(household) && (
          <Button className='big-button' size='large' block onClick={() => Taro.navigateTo({ url: pledgeViewUrl(household.id) })}>
            查看承诺书
          </Button>
        )}
        <Text className='section-title'>走访内容（点一下勾选）</Text>
        {queue.checklist.map((item) => (
          <CheckRow
            key={item.key}
            label={item.label}
            on={checks[item.key]}
            onToggle={() => setChecks((current) => ({ ...current, [item.key]: !current[item.key] }))}
          />
        ))}
        <Text className='section-title'>备注</Text>
        <Textarea
          className='visit-note'
          value={note}
          maxlength={MAX_VISIT_NOTE_LENGTH}
          placeholder='可选，如：老人独居，子女在外地'
          onInput={(e) => setNote(e.detail.value)}
        />
        <Text className='section-title'>位置</Text>
        <LocationField geo={geo} onChange={setGeo} />
        <Text className='hint'>走访时间 {dayjs(openedAt).format('YYYY-MM-DD HH:mm')}</Text>
        <Button className='big-button' type='primary' size='xlarge' block loading={saving} onClick={() => void save(household)}>
          保存
        </Button>
      </PageShell>
    )}</HouseholdGate>
  )
})
