import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import dayjs from 'dayjs'
import type { PrizeClaim, PrizeOffer } from '@/contract/prizes'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import { useStore, useStores } from '@/stores/stores-context'
import { prizeStore } from '@/stores/prize-store'
import { ClaimQr } from './claim-qr'
import './index.scss'

/** The code in groups of four reads aloud and types without mistakes. */
const spaced = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ')
const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD')

const OfferCard = observer(function OfferCard({ offer }: { offer: PrizeOffer }) {
  const prizes = useStore(prizeStore)
  const canClaim = offer.unmet.length === 0
  return (
    <View className='card'>
      <Text className='card-title'>{offer.name}</Text>
      <Text className='prize-line'>{offer.description}</Text>
      <Text className='hint'>{`剩余 ${offer.remaining} 份 · 每人限领 ${offer.perUserLimit} 份 · 已领 ${offer.claimedByMe} 份`}</Text>
      <Text className='hint'>{`领取地点：${offer.pickupPlace} · 有效期至 `}<Text className='date'>{day(offer.validTo)}</Text></Text>
      {canClaim ? (
        <Button className='big-button' type='primary' size='large' block loading={prizes.claiming} onClick={() => prizes.askClaim(offer)}>
          {`领取 ${offer.name}`}
        </Button>
      ) : (
        <View className='prize-unmet'>
          <Text className='prize-unmet__title'>暂不能领取：</Text>
          {offer.unmet.map((reason) => <Text key={reason} className='prize-unmet__reason'>{`✗ ${reason}`}</Text>)}
        </View>
      )}
    </View>
  )
})

function ClaimCard({ claim }: { claim: PrizeClaim }) {
  return (
    <View className='card'>
      <Text className='card-title'>{claim.prizeName}</Text>
      {claim.redeemedAt ? (
        <Text className='prize-line'>{`✓ 已兑换（${day(claim.redeemedAt)}）`}</Text>
      ) : (
        <View>
          <Text className='hint'>请到领取地点出示此码：</Text>
          <Text className='claim-code' aria-label={`兑换码 ${claim.code}`}>{spaced(claim.code)}</Text>
          <ClaimQr code={claim.code} />
          <Text className='hint'>{`领取地点：${claim.pickupPlace}`}</Text>
        </View>
      )}
      <Text className='hint'>领取时间：<Text className='date'>{day(claim.claimedAt)}</Text></Text>
    </View>
  )
}

const Offers = observer(function Offers() {
  const prizes = useStore(prizeStore)
  if (prizes.offersState === 'error') return <ErrorBlock message={prizes.offersError ?? '加载失败'} onRetry={() => void prizes.loadOffers()} />
  if (prizes.offersState !== 'ready') return <LoadingBlock />
  if (prizes.offers.length === 0) return <EmptyBlock title='本地暂时没有奖品' description='每日答题，留意派出所发布的新奖品' />
  return <View>{prizes.offers.map((o) => <OfferCard key={o.id} offer={o} />)}</View>
})

const Claims = observer(function Claims() {
  const prizes = useStore(prizeStore)
  if (prizes.claimsState === 'error') return <ErrorBlock message={prizes.claimsError ?? '加载失败'} onRetry={() => void prizes.loadClaims()} />
  if (prizes.claimsState !== 'ready') return <LoadingBlock />
  if (prizes.claims.length === 0) return <EmptyBlock title='还没有领过奖品' />
  return <View>{prizes.claims.map((c) => <ClaimCard key={c.id} claim={c} />)}</View>
})

/** Prizes never ask for sharing: answering the quiz is the only way to earn them. */
export default observer(function PrizesPage() {
  const { session } = useStores()
  const prizes = useStore(prizeStore)
  const signedIn = session.isSignedIn

  useEffect(() => {
    if (signedIn && prizes.offersState === 'idle') void prizes.load()
  }, [signedIn, prizes])

  if (!signedIn) {
    return (
      <PageShell>
        <Text className='page-title'>领奖品</Text>
        <EmptyBlock title='登录后才能领奖品' />
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => void Taro.navigateTo({ url: ROUTES.login })}>
          登录
        </Button>
      </PageShell>
    )
  }
  const confirming = prizes.confirming
  return (
    <PageShell>
      <Text className='page-title'>领奖品</Text>
      {prizes.justClaimed && (
        <View role='status'>
          <Text className='prize-done'>{`✓ 领取成功：${prizes.justClaimed.prizeName}，兑换码见下方“我的奖品”`}</Text>
        </View>
      )}
      {prizes.claimError && (
        <View role='alert'>
          <Text className='error-text'>{`领取失败：${prizes.claimError}`}</Text>
        </View>
      )}
      <Text className='section-title'>可领的奖品</Text>
      <Offers />
      <Text className='section-title'>我的奖品</Text>
      <Claims />
      <Dialog
        visible={confirming !== null}
        title='领取奖品'
        content={confirming ? `确定领取“${confirming.name}”吗？领取后请到 ${confirming.pickupPlace} 出示兑换码。` : ''}
        confirmText='确认领取'
        cancelText='再想想'
        onConfirm={() => void prizes.confirmClaim()}
        onCancel={() => prizes.cancelClaim()}
      />
    </PageShell>
  )
})
