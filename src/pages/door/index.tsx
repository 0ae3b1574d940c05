import { useEffect, useRef } from 'react'
import dayjs from 'dayjs'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Tag } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import type { DoorAdvice } from '@/contract/doors'
import type { HouseholdDetail, HouseholdSummary } from '@/contract/households'
import { PageShell } from '@/components/page-shell'
import { LoadingBlock } from '@/components/page-state'
import { SyncBanner } from '@/components/sync-banner'
import { LOGIN_AND_BACK, ROUTES } from '@/navigation/routes'
import type { DoorProblem } from '@/stores/door-store'
import { useStores } from '@/stores/stores-context'
import { doorTokenFromParams, pledgeFormUrl, pledgeViewUrl, visitFormUrl } from './door-link'
import './index.scss'


const PROBLEM_TITLES: Record<string, string> = {
  LABEL_UNKNOWN: '无法识别的门牌',
  LABEL_REVOKED: '门牌已作废',
  OUT_OF_SCOPE: '不在您负责的网格',
  NETWORK: '网络不可用',
}

/** The phone's own calendar day, as the worker lives it (not UTC's). */
function day(iso: string | null): string | null {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : null
}

/** Records still on the phone count too: a pledge signed a minute ago must not read 未签署. */
const HouseholdCard = observer(function HouseholdCard({ household }: { household: HouseholdDetail | HouseholdSummary }) {
  const { queue } = useStores()
  const detail = 'lastVisitAt' in household ? household : null
  const visitWaiting = queue.hasWaiting('visit', household.id)
  const pledgeWaiting = queue.hasWaiting('pledge', household.id)
  const lastVisit = visitWaiting ? '今天（待上传）' : (day(detail?.lastVisitAt ?? null) ?? '从未走访')
  let pledge = '未签署'
  if (pledgeWaiting) pledge = '✓ 已签署（待上传）'
  else if (detail?.pledgedAt) pledge = `✓ 已签署（${day(detail.pledgedAt)}）`
  return (
    <View className='card'>
      <Text className='door-code'>{household.code}</Text>
      <Text className='door-line'>{household.address}</Text>
      <Text className='door-line'>户主 {household.headName} · {household.memberCount} 人</Text>
      {household.tags.length > 0 && (
        <View className='door-tags'>
          {household.tags.map((tag) => <Tag key={tag} type='warning' plain>{tag}</Tag>)}
        </View>
      )}
      {(detail || visitWaiting || pledgeWaiting) && (
        <View>
          <Text className='door-line'>上次走访：{lastVisit}</Text>
          <Text className='door-line'>承诺书：{pledge}</Text>
        </View>
      )}
    </View>
  )
})

function WorkerDoor({ household }: { household: HouseholdDetail | HouseholdSummary }) {
  return (
    <View>
      <SyncBanner />
      <HouseholdCard household={household} />
      <Button className='big-button' type='primary' size='xlarge' block onClick={() => Taro.navigateTo({ url: visitFormUrl(household.id) })}>
        记录走访
      </Button>
      <Button className='big-button' size='xlarge' block onClick={() => Taro.navigateTo({ url: pledgeFormUrl(household.id) })}>
        签承诺书
      </Button>
      {'pledgedAt' in household && household.pledgedAt && (
        <Button className='big-button' size='xlarge' block onClick={() => Taro.navigateTo({ url: pledgeViewUrl(household.id) })}>
          查看已签承诺书
        </Button>
      )}
    </View>
  )
}

/**
 * 「我住这里」: one tap binds the person to this label's village. Signed out, they sign in first and come back here,
 * where the bind then happens by itself. Who lives at the door is never shown: the answer names only the village.
 */
const LiveHere = observer(function LiveHere({ token, village }: { token: string; village: { id: string; name: string } | null }) {
  const { session, residence } = useStores()
  const signedIn = session.isSignedIn
  const pending = residence.pendingDoorToken === token

  useEffect(() => {
    if (signedIn && pending) void residence.bind({ doorToken: token })
  }, [signedIn, pending, residence, token])

  const home = session.roles.find((r) => r.role === 'resident')
  const justBound = residence.boundDoorToken === token ? residence.justBound?.villageName : null
  const livesHere = justBound ?? (village && home?.regionId === village.id ? village.name : null)
  if (livesHere) {
    return (
      <View className='card door-bound'>
        <Text className='card-title'>✓ 已登记为 {livesHere} 居民</Text>
        <Text className='hint'>每天答几道题，学防骗还能领奖品</Text>
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => Taro.switchTab({ url: ROUTES.quiz })}>
          每日答题
        </Button>
      </View>
    )
  }
  const tap = () => {
    if (signedIn) void residence.bind({ doorToken: token })
    else {
      residence.intendDoorBind(token)
      // While the server is still asked who is signed in on this phone, the bind above runs once they are known.
      if (session.meState !== 'loading') void Taro.navigateTo({ url: LOGIN_AND_BACK })
    }
  }
  return (
    <View className='card'>
      <Text className='card-title'>{village ? `您住在${village.name}吗？` : '您住在这里吗？'}</Text>
      <Text className='hint'>
        {home ? `您现在登记的居住地是 ${home.regionName}，如果搬到了这里，点下方按钮更改` : '登记为本村居民，参加本村每日答题、领奖品'}
      </Text>
      {residence.bindError && <Text className='error-text'>{residence.bindError}</Text>}
      <Button className='big-button' type='primary' size='xlarge' block loading={residence.binding} onClick={tap}>
        我住这里
      </Button>
    </View>
  )
})

/** What a resident or a passer-by sees: the station's advice, never anything about who lives here. */
function PublicAdvice({ advice, token }: { advice: DoorAdvice; token: string | null }) {
  return (
    <View>
      <View className='card'>
        <Text className='card-title'>{advice.station}提醒您</Text>
        <Text className='hint'>接到可疑电话或已经转账，请立即拨打</Text>
        <Text className='door-hotline'>反诈专线 {advice.hotline}</Text>
        <Text className='hint'>紧急情况请拨打 110</Text>
      </View>
      {token && <LiveHere token={token} village={advice.village ?? null} />}
      <View className='card'>
        <Text className='card-title'>防骗小贴士</Text>
        {advice.tips.map((tip) => <Text key={tip} className='door-tip'>· {tip}</Text>)}
      </View>
      <Button className='big-button' size='xlarge' block onClick={() => Taro.switchTab({ url: ROUTES.learn })}>
        学防骗
      </Button>
    </View>
  )
}

function ProblemBlock({ problem, onRetry }: { problem: DoorProblem; onRetry: () => void }) {
  return (
    <View>
      <View className='door-problem'>
        <View className='door-problem__icon'>!</View>
        <Text className='card-title'>{PROBLEM_TITLES[problem.code] ?? '无法打开门牌'}</Text>
        <Text className='hint'>{problem.message}</Text>
      </View>
      {problem.code === 'NETWORK' && (
        <Button className='big-button' type='primary' size='xlarge' block onClick={onRetry}>
          重试
        </Button>
      )}
      <Button className='big-button' size='xlarge' block onClick={() => Taro.switchTab({ url: ROUTES.home })}>
        返回首页
      </Button>
    </View>
  )
}

/**
 * To the grid worker's workbench: back to it when the door was opened from there (its scan button), otherwise in
 * place of this page, so that the back button then does not return to a door already done.
 */
function backToWorkbench(): void {
  const pages = Taro.getCurrentPages()
  const previous = pages.length > 1 ? pages[pages.length - 2]?.route : undefined
  if (previous && `/${previous.replace(/^\//, '')}` === ROUTES.workerHome) void Taro.navigateBack()
  else void Taro.redirectTo({ url: ROUTES.workerHome })
}

/** Opened by a scanned door label: `token` from our links and the H5 redirect of /h/<token>, `q` from WeChat. */
export default observer(function DoorPage() {
  const { doors, session } = useStores()
  const { params } = useRouter()
  const token = doorTokenFromParams(params)
  const shown = useRef(false)

  useEffect(() => {
    void doors.open(token)
  }, [doors, token])
  // Back from the visit form or the pledge: the door's last visit and pledge have changed.
  useDidShow(() => {
    if (shown.current) void doors.open(token)
    shown.current = true
  })

  let body
  if (doors.state === 'idle' || doors.state === 'loading') body = <LoadingBlock text='正在识别门牌…' />
  else if (doors.state === 'error' && doors.problem) body = <ProblemBlock problem={doors.problem} onRetry={() => void doors.open(token)} />
  else if (doors.advice) body = <PublicAdvice advice={doors.advice} token={token} />
  else if (doors.household) body = <WorkerDoor household={doors.household} />
  return (
    <PageShell>
      <Text className='page-title'>{doors.advice ? '反诈提醒' : '入户宣防'}</Text>
      {session.isWorker && (
        <Button className='big-button door-workbench' size='xlarge' block onClick={backToWorkbench}>
          ‹ 返回工作台
        </Button>
      )}
      {body}
    </PageShell>
  )
})
