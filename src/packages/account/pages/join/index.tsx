import { useEffect, useState } from 'react'
import dayjs from 'dayjs'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import type { StaffRole } from '@/core/membership'
import type { InvitationPreview } from '@/contract/invitations'
import { PageShell } from '@/components/page-shell'
import { LoadingBlock } from '@/components/page-state'
import { LOGIN_AND_BACK, ROUTES } from '@/navigation/routes'
import { useStore, useStores } from '@/stores/stores-context'
import { invitationStore } from '@/stores/invitation-store'
import './index.scss'

/** What each refusal means for the person holding the code, above the server's sentence. */
const PROBLEM_TITLES: Record<string, string> = {
  INVITATION_NOT_FOUND: '邀请码不对',
  INVITATION_EXPIRED: '邀请已过期',
  INVITATION_USED_UP: '邀请已用完',
  INVITATION_REVOKED: '邀请已作废',
  INVITATION_INVALID: '邀请已失效',
  INVITATION_ALREADY_ACCEPTED: '您已经加入了',
  NETWORK: '网络不可用',
}

/** Straight to the work the new role is for. */
function goToWork(role: StaffRole) {
  if (role === 'grid_worker') void Taro.redirectTo({ url: ROUTES.workerHome })
  else if (role === 'dissuader') void Taro.redirectTo({ url: ROUTES.warnings })
  else void Taro.redirectTo({ url: ROUTES.adminHome })
}

function PreviewCard({ preview }: { preview: InvitationPreview }) {
  const { session } = useStores()
  const invitations = useStore(invitationStore)
  return (
    <View className='card'>
      <Text className='hint'>{preview.inviterName} 邀请您加入</Text>
      <Text className='card-title'>{session.roleName(preview.role)}</Text>
      <Text className='join-line'>区域：{preview.regionName}</Text>
      <Text className='join-line'>有效期至：{dayjs(preview.expiresAt).format('YYYY-MM-DD HH:mm')}</Text>
      <Text className='join-line'>邀请码：{invitations.codeText(preview.code)}</Text>
      {preview.status !== 'open' && <Text className='error-text'>⚠ {invitations.statusText(preview.status)}</Text>}
      {preview.alreadyHeld && <Text className='hint'>✓ 您已经是这里的{session.roleName(preview.role)}，无需再次接受</Text>}
    </View>
  )
}

const CodeForm = observer(function CodeForm({ initial }: { initial: string }) {
  const invitations = useStore(invitationStore)
  const [typed, setTyped] = useState(initial)
  return (
    <View className='card'>
      <Text className='card-title'>输入邀请码</Text>
      <Text className='hint'>邀请人给您的 8 位邀请码，如 ABCD-EFGH，大小写均可</Text>
      <Input value={typed} placeholder='如：ABCD-EFGH' maxLength={12} onChange={setTyped} />
      <Button
        className='big-button'
        type='primary'
        size='large'
        block
        disabled={!typed.trim()}
        loading={invitations.previewState === 'loading'}
        onClick={() => void invitations.loadPreview(typed)}
      >
        查看邀请
      </Button>
    </View>
  )
})

const Invitation = observer(function Invitation() {
  const { session } = useStores()
  const invitations = useStore(invitationStore)
  const { preview } = invitations
  if (invitations.previewState === 'loading') return <LoadingBlock text='正在查看邀请…' />
  if (invitations.previewState === 'error') {
    return (
      <View className='card'>
        <Text className='card-title'>⚠ {PROBLEM_TITLES[invitations.previewErrorCode ?? ''] ?? '无法打开邀请'}</Text>
        <Text className='error-text'>{invitations.previewError}</Text>
      </View>
    )
  }
  if (!preview) return null
  const accept = async () => {
    if (await invitations.accept()) {
      void Taro.showToast({ title: `已加入：${session.roleName(preview.role)}`, icon: 'success' })
      goToWork(preview.role)
    }
  }
  const canAccept = preview.status === 'open' && !preview.alreadyHeld
  return (
    <View>
      <PreviewCard preview={preview} />
      {invitations.acceptError && <Text className='error-text'>{invitations.acceptError}</Text>}
      {canAccept && (
        <Button className='big-button' type='primary' size='xlarge' block loading={invitations.accepting} onClick={() => void accept()}>
          接受
        </Button>
      )}
    </View>
  )
})

/** Opened by an invitation QR code (`code` on H5, `q` in WeChat), a link, or 我的 → 输入邀请码 (no code). */
export default observer(function JoinPage() {
  const { session } = useStores()
  const invitations = useStore(invitationStore)
  const { params } = useRouter()
  const code = invitations.codeIn(params)
  const signedIn = session.isSignedIn

  useEffect(() => {
    if (signedIn && code) void invitations.loadPreview(code)
    else invitations.clearPreview()
  }, [invitations, signedIn, code])

  let body
  if (!signedIn) {
    body = (
      <View className='card'>
        {code && <Text className='card-title'>邀请码 {invitations.codeText(code)}</Text>}
        <Text className='hint'>请先登录，再查看和接受邀请</Text>
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => void Taro.navigateTo({ url: LOGIN_AND_BACK })}>
          登录
        </Button>
      </View>
    )
  } else {
    body = (
      <View>
        {(!code || invitations.previewState === 'error') && <CodeForm initial={code ? invitations.codeText(code) : ''} />}
        <Invitation />
      </View>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>接受邀请</Text>
      {body}
    </PageShell>
  )
})
