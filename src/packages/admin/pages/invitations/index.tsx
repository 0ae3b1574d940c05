import { useEffect, useState } from 'react'
import dayjs from 'dayjs'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Button, Dialog, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import type { StaffRole } from '@/core/membership'
import type { Invitation } from '@/contract/invitations'
import { PageShell } from '@/components/page-shell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '@/components/page-state'
import { useStore, useStores } from '@/stores/stores-context'
import { invitationStore } from '@/stores/invitation-store'
import { regionStore } from '@/stores/region-store'
import { FilterChips } from '../../components/filter-chips'
import { Field } from '../../components/form-field'
import { svgDataUrl } from '../../components/label-sheets'
import { RegionPicker } from '../../components/region-picker'
import './index.scss'
import { DescribedImage } from '@/components/described-image'

function copyCode(codeText: string) {
  void Taro.setClipboardData({ data: codeText })
}

const InvitationForm = observer(function InvitationForm() {
  const { session } = useStores()
  const invitations = useStore(invitationStore)
  const regions = useStore(regionStore)
  const roles = session.invitableRoles
  const { draft } = invitations
  const role = draft.role
  const region = regions.nodes.find((n) => n.id === draft.regionId)
  return (
    <View>
      <Field label='邀请的角色'>
        <FilterChips<StaffRole | undefined>
          label='邀请的角色'
          options={roles.map((r) => ({ value: r, label: session.roleName(r) }))}
          value={role ?? undefined}
          onChange={(r) => invitations.updateDraft({ role: r ?? null })}
        />
      </Field>
      {role ? (
        <Field label={`区域（${session.placesFor(role)}）：${region?.name ?? '未选择'}`}>
          <RegionPicker
            selectedId={draft.regionId}
            canPick={(node) => session.mayInvite(role, node)}
            onPick={(node) => invitations.updateDraft({ regionId: node.id })}
          />
        </Field>
      ) : (
        <Text className='hint'>先选择要邀请的角色</Text>
      )}
      <Field label='使用次数（可供几人使用）'>
        <Input value={draft.maxUses} type='number' placeholder='1' onChange={(maxUses) => invitations.updateDraft({ maxUses })} />
      </Field>
      <Field label='有效期（小时）'>
        <Input value={draft.expiresInHours} type='number' placeholder='72' onChange={(expiresInHours) => invitations.updateDraft({ expiresInHours })} />
      </Field>
      {invitations.createError && <Text className='error-text'>{invitations.createError}</Text>}
      <Button className='big-button' type='primary' size='xlarge' block loading={invitations.creating} onClick={() => void invitations.create()}>
        生成邀请
      </Button>
    </View>
  )
})

/** The invitation just made: the QR to scan and the code to read out or send. */
function CreatedInvitation({ invitation }: { invitation: Invitation }) {
  const { session } = useStores()
  const code = useStore(invitationStore).codeText(invitation.code)
  return (
    <View className='card'>
      <Text className='card-title'>{`邀请 ${session.roleAt(invitation)}`}</Text>
      <Text className='hint'>请对方用微信扫码，或在小程序「我的 → 输入邀请码」中输入邀请码</Text>
      <DescribedImage
        className='invitation-qr'
        src={svgDataUrl(invitation.qrSvg)}
        mode='aspectFit'
        alt={`邀请二维码，邀请码 ${code}`}
      />
      <Text className='invitation-code'>{code}</Text>
      <Button className='big-button' size='large' block onClick={() => copyCode(code)}>
        复制邀请码
      </Button>
      <Text className='invitation-line'>{`可用 ${invitation.maxUses} 次，有效期至 ${dayjs(invitation.expiresAt).format('YYYY-MM-DD HH:mm')}`}</Text>
    </View>
  )
}

function InvitationCard({ invitation, onRevoke }: { invitation: Invitation; onRevoke: () => void }) {
  const { session } = useStores()
  const invitations = useStore(invitationStore)
  return (
    <View className='card'>
      <Text className='card-title'>{session.roleAt(invitation)}</Text>
      <Text className='invitation-line'>{`邀请码 ${invitations.codeText(invitation.code)} · ${invitations.statusText(invitation.status)}`}</Text>
      <Text className='invitation-line'>{`已用 ${invitation.usedCount}/${invitation.maxUses} 次 · 有效期至 ${dayjs(invitation.expiresAt).format('MM-DD HH:mm')}`}</Text>
      <Text className='hint'>{`${invitation.inviterName} 创建于 ${dayjs(invitation.createdAt).format('YYYY-MM-DD HH:mm')}`}</Text>
      {invitation.status === 'open' && (
        <Button className='big-button' size='large' block onClick={onRevoke}>
          作废
        </Button>
      )}
    </View>
  )
}

const InvitationList = observer(function InvitationList({ onRevoke }: { onRevoke: (invitation: Invitation) => void }) {
  const invitations = useStore(invitationStore)
  const { list } = invitations
  if (list.state === 'error' && !list.value) return <ErrorBlock message={list.error ?? '加载失败'} onRetry={() => void invitations.loadList()} />
  if (!list.value) return <LoadingBlock text='正在加载邀请…' />
  if (invitations.items.length === 0) return <EmptyBlock title='还没有发出过邀请' />
  return (
    <View>
      {invitations.revokeError && <Text className='error-text'>{invitations.revokeError}</Text>}
      {invitations.items.map((i) => <InvitationCard key={i.code} invitation={i} onRevoke={() => onRevoke(i)} />)}
    </View>
  )
})

/** 邀请加入: staff join by an invitation made here, for a role and region the inviter covers. */
export default observer(function InvitationsPage() {
  const { session } = useStores()
  const regions = useStore(regionStore)
  const invitations = useStore(invitationStore)
  const allowed = session.invitableRoles.length > 0
  const [revoking, setRevoking] = useState<Invitation | null>(null)

  useEffect(() => {
    if (!allowed) return
    if (regions.state === 'idle') void regions.load()
    void invitations.loadList()
  }, [allowed, regions, invitations])

  if (!allowed) {
    return (
      <PageShell>
        <EmptyBlock title='您没有邀请他人的权限' description='派出所管理员和村（社区）干部可以邀请工作人员' />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <Text className='page-title'>邀请加入</Text>
      <InvitationForm />
      {invitations.created && <CreatedInvitation invitation={invitations.created} />}
      <Text className='section-title'>已发出的邀请</Text>
      <InvitationList onRevoke={setRevoking} />
      <Dialog
        visible={revoking !== null}
        title='作废邀请'
        content={revoking ? `作废后邀请码 ${invitations.codeText(revoking.code)} 将不能再使用，已加入的人不受影响。确定作废吗？` : ''}
        confirmText='确定'
        cancelText='取消'
        onConfirm={() => {
          if (revoking) void invitations.revoke(revoking.code)
          setRevoking(null)
        }}
        onCancel={() => setRevoking(null)}
      />
    </PageShell>
  )
})
