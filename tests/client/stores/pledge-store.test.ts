import type { PledgeInput, PledgeTemplate } from '@/contract/pledges'
import { decodeStrokes, type Stroke } from '@/core/strokes'
import { ApiError } from '@/services/api-client'
import type { OfflineStorage } from '@/services/offline-storage'
import { PledgeStore, TEMPLATE_STORAGE_KEY } from '@/stores/pledge-store'
import { VisitQueueStore } from '@/stores/visit-queue-store'

class MemoryStorage implements OfflineStorage {
  values = new Map<string, unknown>()
  read(key: string) { return this.values.get(key) ?? null }
  write(key: string, value: unknown) { this.values.set(key, value) }
}

const aTemplate = (overrides: Partial<PledgeTemplate> = {}): PledgeTemplate => ({
  version: 2, title: '反诈承诺书', body: '本户承诺：不转账给陌生人。', sha256: 'b'.repeat(64), ...overrides,
})
/** A signature the core accepts: two long strokes on the grid. */
const aSignature = (): Stroke[] => [
  [{ x: 100, y: 100 }, { x: 500, y: 120 }, { x: 800, y: 150 }],
  [{ x: 200, y: 400 }, { x: 600, y: 450 }],
]
const NOW = new Date('2026-11-24T02:00:00.000Z')

function aPledgeStore(options: { storage?: MemoryStorage; template?: () => Promise<PledgeTemplate> } = {}) {
  const storage = options.storage ?? new MemoryStorage()
  const queue = new VisitQueueStore({
    api: { syncVisits: () => Promise.resolve({ items: [] }), syncPledges: () => Promise.resolve({ items: [] }) },
    storage,
    timers: { setTimeout: () => 0, clearTimeout: () => {} },
    random: () => 0,
    currentUserId: () => 'worker-1',
  })
  const pledge = new PledgeStore({
    api: { pledgeTemplate: options.template ?? (() => Promise.resolve(aTemplate())) },
    storage,
    queue,
    newId: () => Promise.resolve('11111111-2222-4333-8444-555555555555'),
    now: () => NOW,
  })
  return { pledge, queue, storage }
}

async function aFilledForm() {
  const made = aPledgeStore()
  await made.pledge.loadTemplate()
  made.pledge.setSigner('member')
  made.pledge.setSignerName(' 张三 ')
  made.pledge.setRelation('子女')
  made.pledge.setStrokes(aSignature())
  return made
}

describe('PledgeStore', () => {
  it('when nobody has signed, then signing is refused with the core reason and nothing is queued', async () => {
    const { pledge, queue } = aPledgeStore()
    await pledge.loadTemplate()
    pledge.setSignerName('张三')

    const id = await pledge.sign({ id: 'h1', code: 'DS-001' }, null)

    expect(id).toBeNull()
    expect(pledge.problem).toBe('请先在签名板上签名')
    expect(queue.isEmpty).toBe(true)
  })

  it('when the signature is a single dot, then the core says so', async () => {
    const { pledge } = aPledgeStore()
    await pledge.loadTemplate()
    pledge.setSignerName('张三')
    pledge.setStrokes([[{ x: 300, y: 300 }]])

    await pledge.sign({ id: 'h1', code: 'DS-001' }, null)

    expect(pledge.problem).toBe('签名只有一个点，请完整签写姓名')
  })

  it('when another member signs with a blank name, then signing asks for it first', async () => {
    const { pledge } = aPledgeStore()
    await pledge.loadTemplate()
    pledge.setSigner('member')
    pledge.setRelation('子女')
    pledge.setSignerName('   ')
    pledge.setStrokes(aSignature())

    await pledge.sign({ id: 'h1', code: 'DS-001' }, null)

    expect(pledge.problem).toBe('请填写签署人姓名和与户主的关系')
  })

  it('when everything is filled, then the pledge is queued with template version, hash and encoded strokes', async () => {
    const { pledge, queue } = await aFilledForm()

    const id = await pledge.sign({ id: 'h1', code: 'DS-001' }, { lat: 29.1, lng: 106.2 })

    expect(id).toBe('11111111-2222-4333-8444-555555555555')
    const queued = queue.items[0]
    expect(queued.kind).toBe('pledge')
    const input = queued.input as PledgeInput
    expect(input).toMatchObject({
      householdId: 'h1', templateVersion: 2, templateSha256: 'b'.repeat(64), signer: 'member', signerName: '张三', signerRelation: '子女',
      signedAt: NOW.toISOString(), geo: { lat: 29.1, lng: 106.2 },
    })
    expect(decodeStrokes(input.strokes)).toEqual(aSignature())
  })

  it('when the form opens, then 户主本人 is chosen and a signature alone queues a pledge that leaves the name to the server', async () => {
    const { pledge, queue } = aPledgeStore()
    await pledge.loadTemplate()
    pledge.setStrokes(aSignature())

    await pledge.sign({ id: 'h1', code: 'DS-001' }, null)

    const input = queue.items[0].input as PledgeInput
    expect(input).toMatchObject({ signer: 'head', signerRelation: '本人' })
    expect(input.signerName).toBeUndefined()
  })

  it('when another member is chosen but no relation picked, then signing asks for the signer', async () => {
    const { pledge, queue } = aPledgeStore()
    await pledge.loadTemplate()
    pledge.setSigner('member')
    pledge.setSignerName('张小红')
    pledge.setStrokes(aSignature())

    await pledge.sign({ id: 'h1', code: 'DS-001' }, null)

    expect(pledge.problem).toBe('请填写签署人姓名和与户主的关系')
    expect(queue.isEmpty).toBe(true)
  })

  it('when a pledge is signed, then the form is blank for the next signer', async () => {
    const { pledge } = await aFilledForm()

    await pledge.sign({ id: 'h1', code: 'DS-001' }, null)

    expect([pledge.signer, pledge.signerName, pledge.relation, pledge.strokes]).toEqual(['head', '', null, []])
  })

  it('when the template was loaded once, then it is there offline after a restart', async () => {
    const storage = new MemoryStorage()
    await aPledgeStore({ storage }).pledge.loadTemplate()

    const { pledge } = aPledgeStore({ storage, template: () => Promise.reject(new ApiError('NETWORK', '网络不可用', 0)) })
    await pledge.loadTemplate()

    expect(storage.values.has(TEMPLATE_STORAGE_KEY)).toBe(true)
    expect(pledge.template?.title).toBe('反诈承诺书')
    expect(pledge.templateState).toBe('ready')
  })

  it('when the template was never loaded and there is no network, then the page says to go online', async () => {
    const { pledge } = aPledgeStore({ template: () => Promise.reject(new ApiError('NETWORK', '网络不可用', 0)) })

    await pledge.loadTemplate()

    expect(pledge.templateState).toBe('error')
    expect(pledge.templateError).toBe('承诺书内容还没有下载，请联网后再打开')
  })

  it('when the form is opened for another household, then the last one\'s signer is not carried over', async () => {
    const { pledge } = await aFilledForm()
    pledge.openFor('h1')
    pledge.setSigner('member')
    pledge.setSignerName('张三')

    pledge.openFor('h2')

    expect([pledge.signer, pledge.signerName]).toEqual(['head', ''])
  })
})
