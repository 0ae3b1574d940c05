import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import dayjs from 'dayjs'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { redeemStore } from '@/stores/redeem-store'
import { Field } from '../../components/form-field'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'
const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm')

const ClaimView = observer(function ClaimView() {
  const redeem = useStore(redeemStore)
  const view = redeem.view
  if (!view) return null
  return (
    <View className='card'>
      <Text className='card-title'>{view.prizeName}</Text>
      <Text className='redeem-line'>{`兑换码：${view.code}`}</Text>
      <Text className='redeem-line'>{`领取人：${view.claimantName}`}</Text>
      <Text className='redeem-line'>{`领取时间：${time(view.claimedAt)}`}</Text>
      {redeem.done && <Text className='redeem-status'>✓ 兑换成功，请把奖品交给领取人</Text>}
      {redeem.alreadyRedeemed && view.redeemedAt && (
        <Text className='redeem-status'>
          {`✗ 此码已兑换过，不能再发奖品（${time(view.redeemedAt)}${view.redeemedByName ? `，由 ${view.redeemedByName} 核销` : ''}）`}
        </Text>
      )}
      {view.redeemedAt === null && (
        <Button className='big-button' type='primary' size='xlarge' block loading={redeem.redeeming} disabled={!redeem.canRedeem} onClick={() => void redeem.redeem()}>
          确认兑换
        </Button>
      )}
    </View>
  )
})

/** The pickup desk: scan the resident's QR (or type the code they read out), check the claim, hand the prize over once. */
export default observer(function RedeemPage() {
  const { session } = useStores()
  const redeem = useStore(redeemStore)
  if (!session.can('prize.redeem')) {
    return (
      <PageShell>
        <EmptyBlock title='您没有兑换核销的权限' description='兑换核销供派出所和村（社区）干部使用' />
      </PageShell>
    )
  }

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      void redeem.lookUp(result)
    } catch {
      // Closing the camera is not an error: the code can still be typed.
    }
  }

  return (
    <PageShell>
      <Text className='page-title'>兑换核销</Text>
      <Text className='hint'>请居民出示“我的奖品”里的兑换码</Text>
      {isWeapp && (
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => void scan()}>
          扫码核销
        </Button>
      )}
      <Field label='兑换码'>
        <Input value={redeem.code} placeholder='输入兑换码' onChange={(code) => redeem.setCode(code)} />
      </Field>
      <Button className='big-button' size='xlarge' block loading={redeem.looking} onClick={() => void redeem.lookUp()}>
        查询兑换码
      </Button>
      {redeem.error && <Text className='error-text'>{redeem.error}</Text>}
      <ClaimView />
    </PageShell>
  )
})
