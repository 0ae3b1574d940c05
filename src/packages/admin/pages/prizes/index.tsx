import { useEffect } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import type { PrizeDraft } from '@/stores/prize-admin-store'
import { useStore, useStores } from '@/stores/stores-context'
import { prizeAdminStore } from '@/stores/prize-admin-store'
import { Field, InputFields, type InputFieldSpec } from '../../components/form-field'

type TextKey = Exclude<keyof PrizeDraft, 'id' | 'description'>

const FIELDS: InputFieldSpec<TextKey>[] = [
  { key: 'name', label: '奖品名称', placeholder: '如：反诈宣传折扇' },
  { key: 'stock', label: '库存（份）', placeholder: '如：200', type: 'number' },
  { key: 'perUserLimit', label: '每人限领（份）', placeholder: '如：1', type: 'number' },
  { key: 'minScore', label: '最低答题分数（可不填）', placeholder: '不填则不限分数', type: 'number' },
  { key: 'minStreak', label: '最少连续答题天数（可不填）', placeholder: '不填则不限天数', type: 'number' },
  { key: 'validFrom', label: '开始日期', placeholder: 'YYYY-MM-DD' },
  { key: 'validTo', label: '截止日期', placeholder: 'YYYY-MM-DD' },
  { key: 'pickupPlace', label: '领取地点', placeholder: '如：柏林派出所一楼大厅' },
]

/** Every keystroke goes to the store's draft, which survives a refused save. */
const PrizeForm = observer(function PrizeForm() {
  const prizeAdmin = useStore(prizeAdminStore)
  const d = prizeAdmin.draft
  if (!d) return null
  return (
    <View className='card'>
      <Text className='card-title'>{d.id ? '修改奖品' : '新增奖品'}</Text>
      <InputFields fields={FIELDS} values={d} onEdit={(key, value) => prizeAdmin.editDraft({ [key]: value })} />
      <Field label='说明'>
        <Textarea className='form-textarea' value={d.description} maxlength={-1} onInput={(e) => prizeAdmin.editDraft({ description: e.detail.value })} />
      </Field>
      <Text className='hint'>奖品只按答题成绩发放，不能要求居民转发分享。</Text>
      {prizeAdmin.saveError && <Text className='error-text'>{`保存失败：${prizeAdmin.saveError}`}</Text>}
      <Button className='big-button' type='primary' size='large' block loading={prizeAdmin.saving} onClick={() => void prizeAdmin.save()}>
        保存
      </Button>
      <Button className='big-button' size='large' block onClick={() => prizeAdmin.cancelEdit()}>
        取消
      </Button>
    </View>
  )
})

const PrizeList = observer(function PrizeList() {
  const prizeAdmin = useStore(prizeAdminStore)
  if (prizeAdmin.state === 'error') {
    return <ErrorBlock message={prizeAdmin.error ?? '加载失败'} onRetry={() => void prizeAdmin.retry()} />
  }
  if (prizeAdmin.state !== 'ready') return <LoadingBlock />
  if (prizeAdmin.items.length === 0) return <EmptyBlock title='还没有奖品' description='点“新增奖品”设置第一个奖品' />
  return (
    <View>
      {prizeAdmin.items.map((p) => {
        const conditions = [p.minScore !== null ? `答题 ≥ ${p.minScore} 分` : '', p.minStreak !== null ? `连续 ≥ ${p.minStreak} 天` : ''].filter(Boolean)
        return (
          <View key={p.id} className='card tap-target' role='button' hoverClass='card-hover' onClick={() => prizeAdmin.startEdit(p)}>
            <Text className='card-title'>{p.name}</Text>
            <Text className='hint'>{`库存 ${p.stock} · 已领 ${p.granted} · 已兑换 ${p.redeemed} · 每人限 ${p.perUserLimit} 份`}</Text>
            <Text className='hint'>{`${conditions.length ? conditions.join('，') : '无领取条件'} · ${prizeAdmin.validityOf(p)}`}</Text>
          </View>
        )
      })}
    </View>
  )
})

export default observer(function PrizesAdminPage() {
  const { session } = useStores()
  const prizeAdmin = useStore(prizeAdminStore)
  const home = session.homeRegion('prize.manage')

  useEffect(() => {
    if (home && prizeAdmin.state === 'idle') void prizeAdmin.load(home.regionId)
  }, [home, prizeAdmin])

  if (!home) {
    return (
      <PageShell>
        <EmptyBlock title='您没有设置奖品的权限' description='奖品由派出所设置' />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>奖品设置</Text>
      <Text className='section-title'>{`范围：${home.regionName}`}</Text>
      <PrizeForm />
      {!prizeAdmin.draft && (
        <Button className='big-button' type='primary' size='large' block onClick={() => prizeAdmin.startNew()}>
          新增奖品
        </Button>
      )}
      <PrizeList />
    </PageShell>
  )
})
