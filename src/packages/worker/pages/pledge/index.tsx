import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { HouseholdSummary } from '@/contract/households'
import type { LatLng } from '@/core/households'
import { PageShell } from '@/components/page-shell'
import { ErrorBlock, LoadingBlock } from '@/components/page-state'
import { SignaturePad } from '@/components/signature-pad'
import { SyncBanner } from '@/components/sync-banner'
import { useStore, useStores } from '@/stores/stores-context'
import { pledgeStore } from '@/stores/pledge-store'
import { HouseholdGate } from '../../components/household-gate'
import { HouseholdHeader } from '../../components/household-header'
import { LocationField } from '../../components/location-field'
import { confirmSavedAndLeave } from '../../leave-form'
import './index.scss'

const TemplateText = observer(function TemplateText() {
  const pledge = useStore(pledgeStore)
  if (pledge.template) {
    return (
      <View className='card'>
        <Text className='card-title'>{pledge.template.title}</Text>
        <Text className='pledge-body'>{pledge.template.body}</Text>
        <Text className='hint'>第 {pledge.template.version} 版</Text>
      </View>
    )
  }
  if (pledge.templateState === 'error') {
    return <ErrorBlock message={pledge.templateError ?? '加载失败'} onRetry={() => void pledge.loadTemplate()} />
  }
  return <LoadingBlock text='正在加载承诺书…' />
})

/** A choice written out with ✓ as well as highlighted, so that it reads without colour. */
function Choice({ chosen, label, onPick }: { chosen: boolean; label: string; onPick: () => void }) {
  return (
    <Button className='relation-choice' type={chosen ? 'primary' : 'default'} size='large' aria-pressed={chosen} onClick={onPick}>
      {chosen ? `✓ ${label}` : label}
    </Button>
  )
}

const SignerFields = observer(function SignerFields({ household }: { household: HouseholdSummary }) {
  const pledge = useStore(pledgeStore)
  return (
    <View>
      <Text className='section-title'>签署人</Text>
      <View className='relation-choices'>
        {pledge.signerChoices.map(({ choice, label }) => (
          <Choice key={choice} chosen={pledge.signer === choice} label={label} onPick={() => pledge.setSigner(choice)} />
        ))}
      </View>
      {pledge.signer === 'head' ? (
        <Text className='hint'>{`由户主 ${household.headName} 本人签署，姓名按住户登记自动填写`}</Text>
      ) : (
        <View>
          <Text className='section-title'>签署人姓名</Text>
          <Input
            className='pledge-input'
            value={pledge.signerName}
            maxlength={20}
            placeholder='请填写签署人姓名'
            onInput={(e) => pledge.setSignerName(e.detail.value)}
          />
          <Text className='section-title'>与户主关系</Text>
          <View className='relation-choices'>
            {pledge.memberRelations.map((relation) => (
              <Choice key={relation} chosen={pledge.relation === relation} label={relation} onPick={() => pledge.setRelation(relation)} />
            ))}
          </View>
        </View>
      )}
    </View>
  )
})

export default observer(function PledgePage() {
  const { doors, queue } = useStores()
  const pledge = useStore(pledgeStore)
  const householdId = useRouter().params.householdId ?? ''
  const [geo, setGeo] = useState<LatLng | null>(null)

  useEffect(() => {
    void doors.ensureHousehold(householdId)
    pledge.openFor(householdId)
    void pledge.loadTemplate()
  }, [doors, pledge, householdId])

  const sign = async (household: HouseholdSummary) => {
    const id = await pledge.sign({ id: household.id, code: household.code }, geo)
    if (id) await confirmSavedAndLeave(queue, id)
  }

  return (
    <HouseholdGate householdId={householdId}>{(household) => (
      <PageShell>
        <SyncBanner />
        <HouseholdHeader household={household} />
        <TemplateText />
        <SignerFields household={household} />
        <Text className='section-title'>签名</Text>
        <SignaturePad strokes={pledge.strokes} onChange={(strokes) => pledge.setStrokes(strokes)} />
        <Text className='section-title'>位置</Text>
        <LocationField geo={geo} onChange={setGeo} />
        {pledge.problem && <Text className='error-text'>{pledge.problem}</Text>}
        <Button className='big-button' type='primary' size='xlarge' block loading={pledge.signing} onClick={() => void sign(household)}>
          确认签署
        </Button>
      </PageShell>
    )}</HouseholdGate>
  )
})
