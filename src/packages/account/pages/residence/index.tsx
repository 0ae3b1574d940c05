import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Cell, CellGroup, Dialog, SearchBar } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css'
import type { PlaceTown, PlaceVillage } from '@/contract/residence'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { goBackOr } from '@/navigation/go-back'
import { LOGIN_AND_BACK, ROUTES } from '@/navigation/routes'
import { useStores } from '@/stores/stores-context'
import './index.scss'

interface Choice {
  town: PlaceTown
  village: PlaceVillage
}

/** Back to where the person came from (我的 or 首页); opened by a link with nothing behind it, to 我的. */

function VillageCells({ choices, onChoose }: { choices: Choice[]; onChoose: (choice: Choice) => void }) {
  return (
    <CellGroup>
      {choices.map((c) => (
        <Cell
          key={c.village.id}
          className='tap-target'
          title={c.village.name}
          description={c.town.name}
          extra='选这里'
          clickable
          onClick={() => onChoose(c)}
        />
      ))}
    </CellGroup>
  )
}

const CurrentResidence = observer(function CurrentResidence() {
  const { residence, session } = useStores()
  const current = residence.residence
  const role = session.roles.find((r) => r.role === 'resident')
  const name = current ? `${current.townName} ${current.villageName}` : role?.regionName
  if (!name) return null
  return (
    <View className='card residence-current'>
      <Text className='hint'>现在登记的居住地</Text>
      <Text className='card-title'>{name}</Text>
      <Text className='hint'>搬家了？在下面选新的村（社区）即可更改</Text>
    </View>
  )
})

const Picker = observer(function Picker({ onChoose }: { onChoose: (choice: Choice) => void }) {
  const { residence } = useStores()
  const { places } = residence
  if (places.state === 'idle' || places.state === 'loading') return <LoadingBlock text='正在加载村（社区）…' />
  if (places.state === 'error') return <ErrorBlock message={places.error ?? '加载失败'} onRetry={() => void residence.loadPlaces()} />
  if (residence.query.trim()) {
    const matches = residence.matches
    if (matches.length === 0) return <EmptyBlock title='没有找到这个村（社区）' description='少输几个字试试，如只输“东胜”' />
    return <VillageCells choices={matches} onChoose={onChoose} />
  }
  // With one town there is nothing to choose at the first step: its villages show at once.
  const town = residence.town ?? (residence.towns.length === 1 ? residence.towns[0] : null)
  if (town) {
    return (
      <View>
        <View className='residence-town-header'>
          <Text className='section-title'>{town.name}的村（社区）</Text>
        </View>
        {residence.towns.length > 1 && (
          <Button className='big-button' size='large' block onClick={() => residence.chooseTown(null)}>
            ← 重新选镇（街道）
          </Button>
        )}
        <VillageCells choices={town.villages.map((village) => ({ town, village }))} onChoose={onChoose} />
      </View>
    )
  }
  return (
    <View>
      <Text className='section-title'>先选镇（街道）</Text>
      <CellGroup>
        {residence.towns.map((t) => (
          <Cell
            key={t.id}
            className='tap-target'
            title={t.name}
            description={`${t.villages.length} 个村（社区）`}
            extra='选择'
            clickable
            onClick={() => residence.chooseTown(t.id)}
          />
        ))}
      </CellGroup>
    </View>
  )
})

export default observer(function ResidencePage() {
  const { residence, session } = useStores()
  const [choice, setChoice] = useState<Choice | null>(null)
  const signedIn = session.isSignedIn

  useEffect(() => {
    void residence.loadPlaces()
  }, [residence])
  useEffect(() => {
    if (signedIn) void residence.loadResidence()
  }, [residence, signedIn])

  const confirm = async () => {
    if (!choice) return
    const bound = await residence.bind({ villageId: choice.village.id })
    setChoice(null)
    if (!bound) return
    void Taro.showToast({ title: `已登记为${choice.village.name}居民`, icon: 'success' })
    goBackOr(ROUTES.me)
  }

  return (
    <PageShell>
      <Text className='page-title'>我住在哪里</Text>
      {signedIn ? (
        <CurrentResidence />
      ) : (
        <View className='card'>
          <Text className='hint'>登记居住地需要先登录</Text>
          <Button className='big-button' type='primary' size='xlarge' block onClick={() => void Taro.navigateTo({ url: LOGIN_AND_BACK })}>
            登录
          </Button>
        </View>
      )}
      <SearchBar
        value={residence.query}
        placeholder='输入村（社区）名字，如：东胜'
        onChange={(text) => residence.setQuery(text)}
        onSearch={(text) => residence.setQuery(text)}
      />
      {residence.bindError && <Text className='error-text'>{residence.bindError}</Text>}
      <Picker onChoose={(c) => (signedIn ? setChoice(c) : void Taro.navigateTo({ url: LOGIN_AND_BACK }))} />
      <Dialog
        visible={choice !== null}
        title='确认居住地'
        content={choice ? `您住在 ${choice.town.name} ${choice.village.name} 吗？` : ''}
        confirmText={residence.binding ? '正在登记…' : '确定'}
        cancelText='取消'
        onConfirm={() => void confirm()}
        onCancel={() => setChoice(null)}
      />
    </PageShell>
  )
})
