import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Input, Tag } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import { TIER_NAMES } from '@/stores/reach-store'
import { useStore, useStores } from '@/stores/stores-context'
import { groupStore } from '@/stores/group-store'

const TIERS = [1, 2] as const

/** Name, kind and village of a group; saving claims it for the signed-in cadre. `onClose` follows a save or 取消. */
export const GroupLabelForm = observer(function GroupLabelForm({ onClose }: { onClose: () => void }) {
  const { session } = useStores()
  const groups = useStore(groupStore)
  const regions = session.roles.filter((r) => r.role === 'admin' || r.role === 'cadre')
  const { form } = groups
  return (
    <View className='card group-form'>
      <Text className='card-title'>标注微信群</Text>
      <Text className='form-label'>群名称</Text>
      <Input value={form.name} placeholder='如：东胜村平安群' onChange={(name) => groups.setForm({ name })} />
      <Text className='form-label'>群类型</Text>
      <View className='tag-choices'>
        {TIERS.map((tier) => {
          const on = form.tier === tier
          return (
            <Tag key={tier} className='tag-choice' type={on ? 'primary' : 'default'} plain={!on} onClick={() => groups.setForm({ tier })}>
              {on ? `✓ ${TIER_NAMES[tier]}` : TIER_NAMES[tier]}
            </Tag>
          )
        })}
      </View>
      <Text className='form-label'>所属村社</Text>
      <View className='tag-choices'>
        {regions.map((r) => {
          const on = form.regionId === r.regionId
          return (
            <Tag key={r.regionId} className='tag-choice' type={on ? 'primary' : 'default'} plain={!on} onClick={() => groups.setForm({ regionId: r.regionId })}>
              {on ? `✓ ${r.regionName}` : r.regionName}
            </Tag>
          )
        })}
      </View>
      {groups.formError && <Text className='error-text'>{groups.formError}</Text>}
      <Button className='big-button' type='primary' size='large' block loading={groups.saving} onClick={() => void groups.saveLabel().then((saved) => saved && onClose())}>
        保存并认领
      </Button>
      <Button
        className='big-button'
        size='large'
        block
        onClick={() => {
          groups.cancelLabel()
          onClose()
        }}
      >
        取消
      </Button>
    </View>
  )
})
