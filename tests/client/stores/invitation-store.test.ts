import { ApiError } from '@/services/api-client'
import { invitationStore } from '@/stores/invitation-store'
import { FakeApi } from '../support/fake-api'
import { aRootStore } from '../support/root'
import { aLogin, aMe, anInvitation, aPreview, aRole } from '../support/membership-factories'

async function signedIn(api: FakeApi, roles = [] as ReturnType<typeof aRole>[]) {
  api.demoSignup = () => Promise.resolve(aLogin(aMe(roles)))
  const store = aRootStore(api)
  await store.session.signUpDemo('李阿姨')
  return store
}

describe('InvitationStore', () => {
  it('when a code is typed with dashes and small letters, then the preview is asked for the normalised code', async () => {
    const api = new FakeApi()
    const asked: string[] = []
    api.invitationPreview = (code) => {
      asked.push(code)
      return Promise.resolve(aPreview())
    }
    const store = await signedIn(api)

    expect(await store.store(invitationStore).loadPreview(' abcd-efgh ')).toBe(true)

    expect(asked).toEqual(['ABCDEFGH'])
    expect(store.store(invitationStore).preview?.inviterName).toBe('王所长')
  })

  it('when the typed text cannot be a code, then it is refused without asking the server', async () => {
    const api = new FakeApi()
    const store = await signedIn(api)

    expect(await store.store(invitationStore).loadPreview('12')).toBe(false)

    expect(store.store(invitationStore).previewErrorCode).toBe('INVITATION_NOT_FOUND')
    expect(store.store(invitationStore).previewError).toBe('邀请码无效，请核对后重试')
  })

  it('when a code is corrected while the first one\'s preview is on its way, then the late answer is dropped', async () => {
    const api = new FakeApi()
    const answers: Record<string, (preview: ReturnType<typeof aPreview>) => void> = {}
    api.invitationPreview = (code) => new Promise((resolve) => { answers[code] = resolve })
    const store = await signedIn(api)
    const invitations = store.store(invitationStore)

    const mistyped = invitations.loadPreview('ABCDEFGX')
    const corrected = invitations.loadPreview('ABCDEFGH')
    answers.ABCDEFGH(aPreview({ code: 'ABCDEFGH', inviterName: '王所长' }))
    answers.ABCDEFGX(aPreview({ code: 'ABCDEFGX', inviterName: '别人' }))

    expect(await corrected).toBe(true)
    expect(await mistyped).toBe(false)
    expect(invitations.preview?.inviterName).toBe('王所长')
  })

  it('when an invitation is accepted, then the session\'s me holds the new role', async () => {
    const api = new FakeApi()
    const worker = aRole({ role: 'grid_worker', regionId: 'g1', regionName: '第1网格' })
    api.invitationPreview = () => Promise.resolve(aPreview())
    api.acceptInvitation = () => Promise.resolve({ me: aMe([worker]) })
    const store = await signedIn(api)
    await store.store(invitationStore).loadPreview('ABCDEFGH')

    expect(await store.store(invitationStore).accept()).toBe(true)

    expect(store.session.isWorker).toBe(true)
  })

  it.each([
    ['INVITATION_EXPIRED', 409, '邀请已过期，请联系邀请人重新生成'],
    ['INVITATION_USED_UP', 409, '邀请已被用完，请联系邀请人重新生成'],
    ['INVITATION_REVOKED', 409, '邀请已作废，请联系邀请人重新生成'],
    ['INVITATION_INVALID', 403, '邀请人已无权发出此邀请，请联系派出所'],
    ['INVITATION_ALREADY_ACCEPTED', 409, '您已经接受过这个邀请'],
  ])('when accepting is refused with %s, then the Chinese message for it is shown and me is unchanged', async (code, status, message) => {
    const api = new FakeApi()
    api.invitationPreview = () => Promise.resolve(aPreview())
    api.acceptInvitation = () => Promise.reject(new ApiError(code, 'server wording', status))
    const store = await signedIn(api)
    await store.store(invitationStore).loadPreview('ABCDEFGH')

    expect(await store.store(invitationStore).accept()).toBe(false)

    expect(store.store(invitationStore).acceptError).toBe(message)
    expect(store.session.roles).toEqual([])
  })

  it('when an invitation is made, then the form is sent as numbers and the new one heads the list', async () => {
    const api = new FakeApi()
    const sent: unknown[] = []
    api.createInvitation = (input) => {
      sent.push(input)
      return Promise.resolve(anInvitation({ code: 'NEWCODE2' }))
    }
    api.invitations = () => Promise.resolve({ items: [anInvitation()] })
    const store = await signedIn(api, [aRole({ role: 'admin', regionId: 't-bl', regionPath: '/c1/t-bl/' })])
    await store.store(invitationStore).loadList()
    store.store(invitationStore).updateDraft({ role: 'grid_worker' })
    store.store(invitationStore).updateDraft({ regionId: 'g1', maxUses: '3', expiresInHours: '24' })

    expect(await store.store(invitationStore).create()).toBe(true)

    expect(sent).toEqual([{ role: 'grid_worker', regionId: 'g1', maxUses: 3, expiresInHours: 24 }])
    expect(store.store(invitationStore).items.map((i) => i.code)).toEqual(['NEWCODE2', 'ABCDEFGH'])
  })

  it('when the role is changed, then the region must be chosen again', async () => {
    const store = await signedIn(new FakeApi())
    store.store(invitationStore).updateDraft({ role: 'admin', regionId: 't-bl' })

    store.store(invitationStore).updateDraft({ role: 'grid_worker' })

    expect(store.store(invitationStore).draft.regionId).toBeNull()
    expect(store.store(invitationStore).draftProblems).toContain('请选择区域')
  })

  it('when an invitation is revoked, then its row shows the server\'s 已作废 state', async () => {
    const api = new FakeApi()
    api.invitations = () => Promise.resolve({ items: [anInvitation()] })
    api.revokeInvitation = (code) => Promise.resolve(anInvitation({ code, status: 'revoked' }))
    const store = await signedIn(api)
    await store.store(invitationStore).loadList()

    await store.store(invitationStore).revoke('ABCDEFGH')

    expect(store.store(invitationStore).items[0].status).toBe('revoked')
  })

  it('when the user signs out, then the preview and the invitations are forgotten', async () => {
    const api = new FakeApi()
    api.invitationPreview = () => Promise.resolve(aPreview())
    api.invitations = () => Promise.resolve({ items: [anInvitation()] })
    const store = await signedIn(api)
    await store.store(invitationStore).loadPreview('ABCDEFGH')
    await store.store(invitationStore).loadList()

    await store.session.logout()

    expect(store.store(invitationStore).preview).toBeNull()
    expect(store.store(invitationStore).items).toEqual([])
  })
})
