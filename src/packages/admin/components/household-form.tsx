import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Input, Tag } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import { HOUSEHOLD_TAGS } from '@/core/households'
import { useStore } from '@/stores/stores-context'
import { householdAdminStore } from '@/stores/household-admin-store'
import { regionStore } from '@/stores/region-store'
import { Field } from './form-field'

/** Add or edit one household. Every keystroke goes to the store's draft, which survives a refused save. */
export const HouseholdForm = observer(function HouseholdForm() {
  const householdAdmin = useStore(householdAdminStore)
  const regions = useStore(regionStore)
  const { draft } = householdAdmin
  if (!draft) return null
  const grid = regions.nodes.find((n) => n.id === draft.regionId)
  const gridName = grid ? regions.titleOf(grid) : draft.regionId
  const editing = householdAdmin.editingId !== null
  return (
    <View className='card household-form'>
      <Text className='card-title'>{editing ? '修改住户' : '新增住户'}</Text>
      <Field label='网格'>
        <Text>{gridName}</Text>
      </Field>
      <Field label='地址'>
        <Input value={draft.address} placeholder='如：东胜村1组3号' onChange={(address) => householdAdmin.updateDraft({ address })} />
      </Field>
      <Field label='户主姓名'>
        <Input
          value={draft.headName}
          placeholder={householdAdmin.maskedHeadName ? `原为 ${householdAdmin.maskedHeadName}，请重新填写完整姓名` : '户主姓名'}
          onChange={(headName) => householdAdmin.updateDraft({ headName })}
        />
      </Field>
      <Field label='联系电话'>
        <Input
          value={draft.phone}
          type='tel'
          placeholder={editing ? '留空则不修改' : '11 位手机号码（可不填）'}
          onChange={(phone) => householdAdmin.updateDraft({ phone })}
        />
      </Field>
      <Field label='人数'>
        <Input value={draft.memberCount} type='number' onChange={(memberCount) => householdAdmin.updateDraft({ memberCount })} />
      </Field>
      <Field label='标签（可多选）'>
        <View className='tag-choices'>
          {HOUSEHOLD_TAGS.map((tag) => {
            const on = draft.tags.includes(tag)
            return (
              <Tag key={tag} className='tag-choice' type={on ? 'primary' : 'default'} plain={!on} onClick={() => householdAdmin.toggleDraftTag(tag)}>
                {on ? `✓ ${tag}` : tag}
              </Tag>
            )
          })}
        </View>
      </Field>
      {householdAdmin.formError && <Text className='error-text'>{householdAdmin.formError}</Text>}
      <Button className='big-button' type='primary' size='large' block loading={householdAdmin.saving} onClick={() => void householdAdmin.save()}>
        保存
      </Button>
      <Button className='big-button' size='large' block onClick={() => householdAdmin.closeForm()}>
        取消
      </Button>
    </View>
  )
})
