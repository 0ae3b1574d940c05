import { useEffect } from 'react'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { BulletinPoster } from '@/components/bulletin-poster'
import { BulletinView } from '@/components/bulletin-view'
import { HotlineCard } from '@/components/hotline-card'
import { PageShell } from '@/components/page-shell'
import { ErrorBlock, LoadingBlock } from '@/components/page-state'
import { ROUTES } from '@/navigation/routes'
import type { BulletinProblem } from '@/stores/bulletin-store'
import { useStores } from '@/stores/stores-context'
import { CopyLink } from '@/components/copy-link'
import { ResidentEntries } from '@/components/resident-entries'

const isWeapp = process.env.TARO_ENV === 'weapp'
// The hook only exists in the mini-program; the choice is fixed at build time, so hook order never changes.
const useShare: typeof useShareAppMessage = isWeapp ? useShareAppMessage : () => undefined

const PROBLEM_TITLES: Record<BulletinProblem['kind'], string> = {
  retracted: '该通报已撤回',
  not_found: '找不到这条通报',
  failed: '加载失败',
}

function ProblemPage({ problem, onRetry }: { problem: BulletinProblem; onRetry: () => void }) {
  if (problem.kind === 'failed') return <ErrorBlock message={problem.message} onRetry={onRetry} />
  return (
    <View className='state-block'>
      <Text className='card-title'>{PROBLEM_TITLES[problem.kind]}</Text>
      <Text className='hint'>
        {problem.kind === 'retracted' ? '派出所已撤回这条通报，请查看最新的通报。' : '链接可能有误，或通报尚未发布。'}
      </Text>
      <Button className='big-button' type='primary' size='xlarge' block onClick={() => void Taro.redirectTo({ url: ROUTES.bulletins })}>
        看最新通报
      </Button>
    </View>
  )
}

/** H5 has no share sheet: the reader copies a link that carries their share id. */
const ShareByLink = observer(function ShareByLink() {
  const { bulletins } = useStores()
  const url = bulletins.shareLink(window.location)
  if (!url) return null
  return (
    <View className='card'>
      <Text className='card-title'>分享给家人和邻居</Text>
      <CopyLink url={url} hint='复制后粘贴到微信，发给家人和邻居' />
    </View>
  )
})

/** One bulletin: the share target. Opening it records the open once; sharing passes on this reader's share id. */
export default observer(function BulletinPage() {
  const { bulletins } = useStores()
  const { params } = useRouter()
  const id = params.id ?? ''

  useEffect(() => {
    void bulletins.open(params)
    if (isWeapp) void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined)
    // One page view, one open: the launch params do not change while the page lives.
  }, [bulletins, id])

  useShare(() => ({
    title: bulletins.detail?.title ?? '每日警情通报',
    path: bulletins.sharePath,
  }))

  const detail = bulletins.detail
  let body
  if (bulletins.state === 'error' && bulletins.problem) body = <ProblemPage problem={bulletins.problem} onRetry={() => void bulletins.retry()} />
  else if (!detail) body = <LoadingBlock text='正在加载通报…' />
  else {
    body = (
      <View>
        <BulletinView {...detail} listen />
        <HotlineCard />
        {bulletins.posterUrl && <BulletinPoster url={bulletins.posterUrl} fileName={`${detail.bulletinDate}-警情通报.png`} />}
        {isWeapp ? (
          <Button className='big-button' type='primary' size='xlarge' block openType='share'>
            分享
          </Button>
        ) : (
          <ShareByLink />
        )}
        <ResidentEntries />
      </View>
    )
  }
  return <PageShell>{body}</PageShell>
})
