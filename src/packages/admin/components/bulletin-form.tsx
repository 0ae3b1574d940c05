import { Picker, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Dialog, Input, Tag } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import { CASE_HINTS } from '@/core/bulletins'
import { FRAUD_TYPES } from '@/core/fraud-types'
import type { CaseDraft } from '@/stores/bulletin-admin-store'
import { useStore } from '@/stores/stores-context'
import { bulletinAdminStore } from '@/stores/bulletin-admin-store'
import { Field } from './form-field'

const CaseEditor = observer(function CaseEditor({ index, draft }: { index: number; draft: CaseDraft }) {
  const bulletinAdmin = useStore(bulletinAdminStore)
  const set = (patch: Partial<CaseDraft>) => bulletinAdmin.setCase(index, patch)
  return (
    <View className='card bulletin-case-editor'>
      <Text className='card-title'>案例{index + 1}</Text>
      <Field label='诈骗类型'>
        <View className='tag-choices'>
          {FRAUD_TYPES.map((t) => {
            const on = draft.fraudType === t.key
            return (
              <Tag key={t.key} className='tag-choice' type={on ? 'primary' : 'default'} plain={!on} onClick={() => bulletinAdmin.setFraudType(index, t.key)}>
                {on ? `✓ ${t.name}` : t.name}
              </Tag>
            )
          })}
        </View>
      </Field>
      <Field label='受害人情况（不写姓名）'>
        <Input value={draft.victimProfile} placeholder={CASE_HINTS.victimProfile} onChange={(victimProfile) => set({ victimProfile })} />
      </Field>
      <Field label='损失金额（元，未造成损失填 0）'>
        <Input value={draft.lossText} type='digit' placeholder='0' onChange={(lossText) => set({ lossText })} />
      </Field>
      <Field label='经过'>
        <Input value={draft.method} placeholder={CASE_HINTS.method} onChange={(method) => set({ method })} />
      </Field>
      <Field label='警方提示'>
        <Input value={draft.warning} placeholder='如：凡是刷单都是诈骗' onChange={(warning) => set({ warning })} />
      </Field>
      <Button className='big-button' size='large' block onClick={() => bulletinAdmin.askRemoveCase(index)}>
        删除案例{index + 1}
      </Button>
    </View>
  )
})

/** The bulletin being written; what was typed stays whatever the server answers. */
export const BulletinForm = observer(function BulletinForm() {
  const bulletinAdmin = useStore(bulletinAdminStore)
  const draft = bulletinAdmin.draft
  if (!draft) return null
  return (
    <View>
      <Field label='标题'>
        <Input value={draft.title} onChange={(title) => bulletinAdmin.setField('title', title)} />
      </Field>
      <Field label='通报日期（案发日期）'>
        <Picker mode='date' value={draft.bulletinDate} onChange={(e) => bulletinAdmin.setField('bulletinDate', String(e.detail.value))}>
          <View className='picker-value tap-target' role='button' aria-label={`通报日期 ${draft.bulletinDate}`}>{draft.bulletinDate}</View>
        </Picker>
      </Field>
      {draft.cases.map((c, i) => <CaseEditor key={i} index={i} draft={c} />)}
      <Button className='big-button' size='large' block onClick={() => bulletinAdmin.addCase()}>
        添加案例
      </Button>
      <Field label='警方提醒（结尾）'>
        <Input value={draft.advice} onChange={(advice) => bulletinAdmin.setField('advice', advice)} />
      </Field>
      <Dialog
        visible={bulletinAdmin.removingCase !== null}
        title='删除这个案例？'
        content={`案例${(bulletinAdmin.removingCase ?? 0) + 1}中填写的内容将被清除。`}
        confirmText='确认删除'
        cancelText='取消'
        onConfirm={() => bulletinAdmin.confirmRemoveCase()}
        onCancel={() => bulletinAdmin.cancelRemoveCase()}
      />
    </View>
  )
})

/** Publish now or at a set time; the time is the phone's own clock, as the station reads it. */
export const PublishPanel = observer(function PublishPanel() {
  const bulletinAdmin = useStore(bulletinAdminStore)
  const at = bulletinAdmin.publishMode === 'at'
  return (
    <View className='card'>
      <Text className='card-title'>发布</Text>
      <View className='tag-choices'>
        <Tag className='tag-choice' type={at ? 'default' : 'primary'} plain={at} onClick={() => bulletinAdmin.setPublishMode('now')}>
          {at ? '立即发布' : '✓ 立即发布'}
        </Tag>
        <Tag className='tag-choice' type={at ? 'primary' : 'default'} plain={!at} onClick={() => bulletinAdmin.setPublishMode('at')}>
          {at ? '✓ 定时发布' : '定时发布'}
        </Tag>
      </View>
      {at && (
        <View>
          <Picker mode='date' value={bulletinAdmin.publishDate} onChange={(e) => bulletinAdmin.setPublishAt(String(e.detail.value), bulletinAdmin.publishTime)}>
            <View className='picker-value tap-target' role='button'>日期：{bulletinAdmin.publishDate}</View>
          </Picker>
          <Picker mode='time' value={bulletinAdmin.publishTime} onChange={(e) => bulletinAdmin.setPublishAt(bulletinAdmin.publishDate, String(e.detail.value))}>
            <View className='picker-value tap-target' role='button'>时间：{bulletinAdmin.publishTime}</View>
          </Picker>
        </View>
      )}
      <Button className='big-button' type='primary' size='large' block loading={bulletinAdmin.saving} onClick={() => void bulletinAdmin.publish()}>
        {at ? '定时发布' : '立即发布'}
      </Button>
    </View>
  )
})

/** A second bulletin for a day is usually a slip, sometimes a correction: the author decides. */
export const SameDayDialog = observer(function SameDayDialog() {
  const bulletinAdmin = useStore(bulletinAdminStore)
  const others = bulletinAdmin.sameDay
  return (
    <Dialog
      visible={others.length > 0}
      title='这一天已有通报'
      content={
        <View>
          <Text className='hint'>以下通报的日期与本通报相同，居民可能收到两份：</Text>
          {others.map((b) => <Text key={b.id} className='bulletin-line'>· {b.title}</Text>)}
          <Text className='hint'>确定还要发布吗？</Text>
        </View>
      }
      confirmText='仍要发布'
      cancelText='取消'
      onConfirm={() => void bulletinAdmin.confirmSameDay()}
      onCancel={() => bulletinAdmin.cancelSameDay()}
    />
  )
})

/** Retracting takes the bulletin away from every reader, so it asks for a reason and a confirmation. */
export const RetractDialog = observer(function RetractDialog() {
  const bulletinAdmin = useStore(bulletinAdminStore)
  return (
    <Dialog
      visible={bulletinAdmin.retracting}
      title='撤回这条通报？'
      content={
        <View>
          <Text className='hint'>撤回后，居民打开链接将看到“该通报已撤回”。请填写撤回原因：</Text>
          <Input value={bulletinAdmin.retractReason} placeholder='如：案例信息有误' onChange={(r) => bulletinAdmin.setRetractReason(r)} />
        </View>
      }
      confirmText='确认撤回'
      cancelText='取消'
      onConfirm={() => void bulletinAdmin.confirmRetract()}
      onCancel={() => bulletinAdmin.cancelRetract()}
    />
  )
})
