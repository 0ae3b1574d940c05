import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { WarningDetail } from '@/contract/warnings'
import type { WarningDraft } from '@/stores/warning-form-store'
import { useStore } from '@/stores/stores-context'
import { FRAUD_TYPE_CHOICES, RISK_LEVEL_CHOICES, WARNING_SOURCE_CHOICES, warningFormStore } from '@/stores/warning-form-store'
import { FilterChips } from '../../components/filter-chips'
import { RegionPicker } from '../../components/region-picker'
import { Field, InputFields, type InputFieldSpec } from '../../components/form-field'

type TextKey = 'residentName' | 'phone' | 'address' | 'householdCode' | 'amountAtRisk' | 'receivedAt'

const TEXT_FIELDS: InputFieldSpec<TextKey>[] = [
  { key: 'residentName', label: '当事人姓名', placeholder: '如：刘某某' },
  { key: 'phone', label: '联系电话', placeholder: '11 位手机号码', type: 'tel' },
  { key: 'address', label: '住址', placeholder: '如：东胜村1组3号' },
  { key: 'householdCode', label: '门牌编号（可不填）', placeholder: '知道门牌时填写，便于上门核实' },
  { key: 'amountAtRisk', label: '涉及金额（元，可不填）', placeholder: '如：200000', type: 'digit' },
  { key: 'receivedAt', label: '收到时间', placeholder: '2026-11-29 09:30' },
]


const AssigneeField = observer(function AssigneeField({ draft }: { draft: WarningDraft }) {
  const warningForm = useStore(warningFormStore)
  if (!draft.regionId) return <Text className='hint'>选好区域后可指定劝阻员</Text>
  if (warningForm.dissuadersState === 'loading') return <Text className='hint'>正在加载劝阻员…</Text>
  const options = [
    { value: undefined, label: '自动分配' },
    ...warningForm.dissuaders.map((d) => ({ value: d.id, label: `${d.name}（在办 ${d.openWarnings} 条）` })),
  ]
  return (
    <FilterChips<string | undefined>
      label='处置人'
      options={options}
      value={draft.assigneeId ?? undefined}
      onChange={(id) => warningForm.edit({ assigneeId: id ?? null })}
    />
  )
})

/** Create one warning by hand. Every keystroke goes to the store's draft, which survives a refused save. */
export const WarningForm = observer(function WarningForm({ onSaved }: { onSaved: (created: WarningDetail) => void }) {
  const warningForm = useStore(warningFormStore)
  const [picking, setPicking] = useState(false)
  const d = warningForm.draft
  if (!d) return null
  const save = async () => {
    const created = await warningForm.save()
    if (created) onSaved(created)
  }
  return (
    <View className='card'>
      <Text className='card-title'>新增预警</Text>
      <Field label='所在区域'>
        <Text>{d.regionName || '未选择'}</Text>
        <Button className='big-button' size='large' block onClick={() => setPicking(!picking)}>
          {picking ? '收起区域' : '选择区域'}
        </Button>
        {picking && (
          <RegionPicker
            selectedId={d.regionId}
            canPick={(node) => node.level !== 'county'}
            onPick={(node) => void warningForm.pickRegion(node.id, node.name)}
          />
        )}
      </Field>
      <InputFields fields={TEXT_FIELDS} values={d} onEdit={(key, value) => warningForm.edit({ [key]: value })} />
      <Field label='风险等级'>
        <FilterChips label='风险等级' options={RISK_LEVEL_CHOICES} value={d.riskLevel} onChange={(riskLevel) => warningForm.edit({ riskLevel })} />
      </Field>
      <Field label='诈骗类型'>
        <FilterChips label='诈骗类型' options={FRAUD_TYPE_CHOICES} value={d.fraudType} onChange={(fraudType) => warningForm.edit({ fraudType })} />
      </Field>
      <Field label='来源'>
        <FilterChips label='来源' options={WARNING_SOURCE_CHOICES} value={d.source} onChange={(source) => warningForm.edit({ source })} />
      </Field>
      <Field label='处置人'>
        <AssigneeField draft={d} />
      </Field>
      {warningForm.formError && <Text className='error-text'>{`保存失败：${warningForm.formError}`}</Text>}
      <Button className='big-button' type='primary' size='large' block loading={warningForm.saving} onClick={() => void save()}>
        保存并派发
      </Button>
      <Button className='big-button' size='large' block onClick={() => warningForm.cancel()}>
        取消
      </Button>
    </View>
  )
})
