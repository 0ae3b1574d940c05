import { useEffect } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import { ACTIVITY_KINDS, MAX_ACTIVITY_SUMMARY_LENGTH, MAX_PHOTOS_PER_ACTIVITY, TARGET_GROUPS, type ActivityKind } from '@/core/activities'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import type { ActivityDraft } from '@/stores/activity-store'
import { useStore, useStores } from '@/stores/stores-context'
import { activityStore } from '@/stores/activity-store'
import { FilterChips, type ChipOption } from '../../components/filter-chips'
import { Field, InputFields, type InputFieldSpec } from '../../components/form-field'
import './index.scss'
import { DescribedImage } from '@/components/described-image'

const KIND_CHOICES: ChipOption<ActivityKind | ''>[] = ACTIVITY_KINDS.map((k) => ({ value: k.key, label: k.name }))

type TextKey = 'title' | 'place' | 'date' | 'time' | 'organiser' | 'attendance' | 'materials'

const FIELDS: InputFieldSpec<TextKey>[] = [
  { key: 'title', label: '活动名称', placeholder: '如：东村防诈骗院坝会' },
  { key: 'place', label: '地点', placeholder: '如：东村村委会院坝' },
  { key: 'date', label: '日期', placeholder: 'YYYY-MM-DD' },
  { key: 'time', label: '时间', placeholder: 'HH:mm，如 09:30' },
  { key: 'organiser', label: '组织单位或负责人', placeholder: '如：柏林派出所、东村村委会' },
  { key: 'attendance', label: '参加人数', placeholder: '如：60', type: 'number' },
  { key: 'materials', label: '发放资料、宣传品（份）', placeholder: '如：120', type: 'number' },
]

/** Several choices at once; a chosen one carries a ✓ as well as the filled style. */
const TargetGroupChips = observer(function TargetGroupChips({ draft }: { draft: ActivityDraft }) {
  const activities = useStore(activityStore)
  return (
    <View className='filter-chips' role='group' aria-label='宣传对象'>
      {TARGET_GROUPS.map((g) => {
        const on = draft.targetGroups.includes(g)
        return (
          <Button key={g} className='filter-chip' size='small' type={on ? 'primary' : 'default'} onClick={() => activities.toggleTargetGroup(g)}>
            {on ? `✓ ${g}` : g}
          </Button>
        )
      })}
    </View>
  )
})

/** Every keystroke goes to the store's draft, which survives a refused save. */
const ActivityForm = observer(function ActivityForm({ draft, readOnly }: { draft: ActivityDraft; readOnly: boolean }) {
  const activities = useStore(activityStore)
  return (
    <View className='card'>
      <Field label='活动类型'>
        <FilterChips label='活动类型' options={KIND_CHOICES} value={draft.kind} onChange={(kind) => activities.editDraft({ kind })} />
      </Field>
      <InputFields fields={FIELDS} values={draft} onEdit={(key, value) => activities.editDraft({ [key]: value })} />
      <Field label='宣传对象（可多选）'>
        <TargetGroupChips draft={draft} />
      </Field>
      <Field label='活动小结'>
        <Textarea
          className='form-textarea'
          value={draft.summary}
          maxlength={MAX_ACTIVITY_SUMMARY_LENGTH}
          placeholder='讲了哪些骗局、群众反响如何'
          onInput={(e) => activities.editDraft({ summary: e.detail.value })}
        />
      </Field>
      {activities.saveError && <Text className='error-text'>{`保存失败：${activities.saveError}`}</Text>}
      {readOnly ? (
        <Text className='hint'>只有登记人或派出所管理员可以修改、删除该活动</Text>
      ) : (
        <Button className='big-button' type='primary' size='large' block loading={activities.saving} onClick={() => void activities.save()}>
          保存
        </Button>
      )}
    </View>
  )
})

const PhotoSection = observer(function PhotoSection({ readOnly }: { readOnly: boolean }) {
  const activities = useStore(activityStore)
  const current = activities.current
  if (!current) return <Text className='hint'>保存活动后即可添加照片</Text>
  return (
    <View className='card'>
      <Text className='card-title'>{`活动照片（${current.photos.length}/${MAX_PHOTOS_PER_ACTIVITY}）`}</Text>
      <View className='photo-grid'>
        {current.photos.map((p, i) => (
          <View key={p.id} className='photo-tile'>
            <DescribedImage className='photo-thumb' mode='aspectFill' src={activities.photoSrc.get(p.thumbnailUrl) ?? ''} alt={`照片${i + 1}`} />
            {!readOnly && (
              <Button className='photo-remove' size='small' onClick={() => activities.askRemoval({ type: 'photo', photoId: p.id })}>
                {`删除照片${i + 1}`}
              </Button>
            )}
          </View>
        ))}
      </View>
      {activities.uploads.map((u, i) => (
        <View key={`${u.name}-${i}`} className='form-field'>
          <Text className={u.error ? 'error-text' : 'hint'}>{u.error ? `${u.name} 上传失败：${u.error}` : `${u.name} 上传中 ${Math.round(u.progress * 100)}%`}</Text>
          {!u.error && (
            <View className='upload-bar' role='progressbar' aria-valuenow={Math.round(u.progress * 100)}>
              <View className='upload-bar-fill' style={{ width: `${u.progress * 100}%` }} />
            </View>
          )}
        </View>
      ))}
      {activities.uploads.some((u) => u.error) && <Button size='small' onClick={() => activities.dismissFailedUploads()}>知道了</Button>}
      {activities.photoError && <Text className='error-text'>{activities.photoError}</Text>}
      {!readOnly && activities.photoRoom > 0 && (
        <Button className='big-button' size='large' block onClick={() => void activities.addPhotos()}>
          {`添加照片（还可 ${activities.photoRoom} 张）`}
        </Button>
      )}
    </View>
  )
})

const RemovalDialog = observer(function RemovalDialog() {
  const activities = useStore(activityStore)
  const removal = activities.pendingRemoval
  const confirm = async () => {
    if (await activities.confirmRemoval()) void Taro.navigateBack()
  }
  return (
    <Dialog
      visible={removal !== null}
      title={removal?.type === 'activity' ? '删除这次活动？' : '删除这张照片？'}
      content={removal?.type === 'activity' ? '活动记录和全部照片都会删除，不能恢复。' : '照片删除后不能恢复。'}
      confirmText='确认删除'
      cancelText='取消'
      onConfirm={() => void confirm()}
      onCancel={() => activities.cancelRemoval()}
    />
  )
})

export default observer(function ActivityEditPage() {
  const { session } = useStores()
  const activities = useStore(activityStore)
  const { params } = useRouter()
  const id = params.id
  const home = session.homeRegion('activity.write')

  useEffect(() => {
    if (id) void activities.open(id)
    else if (home) activities.startNew(home.regionId)
  }, [id, home, activities])

  if (!home) {
    return (
      <PageShell>
        <EmptyBlock title='您没有登记宣传活动的权限' />
      </PageShell>
    )
  }
  if (activities.editState === 'error') return <PageShell><ErrorBlock message={activities.saveError ?? '加载失败'} onRetry={() => id && void activities.open(id)} /></PageShell>
  const draft = activities.draft
  if (activities.editState !== 'ready' || !draft) return <PageShell><LoadingBlock /></PageShell>
  const readOnly = activities.current !== null && !activities.current.editable
  return (
    <PageShell>
      <Text className='page-title'>{activities.current ? '活动详情' : '登记活动'}</Text>
      <Text className='section-title'>{`区域：${activities.current?.regionName ?? home.regionName}`}</Text>
      <ActivityForm draft={draft} readOnly={readOnly} />
      <PhotoSection readOnly={readOnly} />
      {activities.current && !readOnly && (
        <Button className='big-button' size='large' block onClick={() => activities.askRemoval({ type: 'activity' })}>
          删除活动
        </Button>
      )}
      <RemovalDialog />
    </PageShell>
  )
})
