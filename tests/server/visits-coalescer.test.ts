import { WriteCoalescer } from '../../server/src/db/write-coalescer'

/** The coalescer touches no database: one plain suite instead of one per engine. */
describe('write coalescer', () => {
  /** A writer whose flushes finish only when the test says so, recording what each flush held. */
  function controlledWriter() {
    const flushes: { items: number[]; finish: () => void; fail: (e: Error) => void }[] = []
    const write = (items: number[]) => new Promise<string[]>((resolve, reject) => {
      flushes.push({ items, finish: () => resolve(items.map((i) => `ok ${i}`)), fail: reject })
    })
    return { flushes, write }
  }
  const settle = () => new Promise((r) => setTimeout(r, 5))

  it('when items arrive while a flush runs, then they are written together in the next flush and each caller gets its own answers', async () => {
    const { flushes, write } = controlledWriter()
    const coalescer = new WriteCoalescer(write, { maxItems: 100, maxWaitMs: 0, maxConcurrent: 1 })
    const first = coalescer.submit([1])
    await settle()
    const second = coalescer.submit([2, 3])
    const third = coalescer.submit([4])
    await settle()
    expect(flushes.map((f) => f.items)).toEqual([[1]])
    flushes[0].finish()
    await settle()
    expect(flushes.map((f) => f.items)).toEqual([[1], [2, 3, 4]])
    flushes[1].finish()
    expect(await Promise.all([first, second, third])).toEqual([['ok 1'], ['ok 2', 'ok 3'], ['ok 4']])
  })

  it('when more items wait than a flush may hold, then they are split and no flush exceeds maxItems', async () => {
    const { flushes, write } = controlledWriter()
    const coalescer = new WriteCoalescer(write, { maxItems: 2, maxWaitMs: 0, maxConcurrent: 1 })
    const all = coalescer.submit([1, 2, 3, 4, 5])
    for (let i = 0; i < 3; i++) {
      await settle()
      flushes[i].finish()
    }
    expect(await all).toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4', 'ok 5'])
    expect(flushes.map((f) => f.items)).toEqual([[1, 2], [3, 4], [5]])
  })

  it('when two flushes may overlap, then a third waits until one of them ends', async () => {
    const { flushes, write } = controlledWriter()
    const coalescer = new WriteCoalescer(write, { maxItems: 1, maxWaitMs: 0, maxConcurrent: 2 })
    const all = coalescer.submit([1, 2, 3])
    await settle()
    expect(flushes).toHaveLength(2)
    flushes[1].finish()
    await settle()
    expect(flushes).toHaveLength(3)
    flushes[0].finish()
    flushes[2].finish()
    expect(await all).toEqual(['ok 1', 'ok 2', 'ok 3'])
  })

  it('when a flush fails, then every caller in it is refused and later items are still written', async () => {
    const { flushes, write } = controlledWriter()
    const coalescer = new WriteCoalescer(write, { maxItems: 10, maxWaitMs: 0, maxConcurrent: 1 })
    const failed = coalescer.submit([1, 2])
    await settle()
    const later = coalescer.submit([3])
    flushes[0].fail(new Error('database gone'))
    await expect(failed).rejects.toThrow('database gone')
    await settle()
    flushes[1].finish()
    expect(await later).toEqual(['ok 3'])
  })

  it('when drained, then it resolves only after everything submitted is written', async () => {
    const { flushes, write } = controlledWriter()
    const coalescer = new WriteCoalescer(write, { maxItems: 10, maxWaitMs: 1000, maxConcurrent: 1 })
    void coalescer.submit([1])
    let drained = false
    const draining = coalescer.drain().then(() => { drained = true })
    await settle()
    expect(flushes.map((f) => f.items)).toEqual([[1]])
    expect(drained).toBe(false)
    flushes[0].finish()
    await draining
    expect(drained).toBe(true)
  })

  /** A database that refuses any batch holding a poisoned item, as PostgreSQL refuses a whole statement. */
  const refusing = (poisoned: Set<number>, code: string) => {
    const writes: number[][] = []
    const write = async (items: number[]) => {
      writes.push(items)
      if (items.some((i) => poisoned.has(i))) throw Object.assign(new Error('refused'), { code })
      return items.map((i) => `ok ${i}`)
    }
    return { writes, write }
  }

  it('when the database refuses a flush for one item\'s data, then only that item\'s caller is refused and every other item is written', async () => {
    const { write } = refusing(new Set([5]), '22007')
    const coalescer = new WriteCoalescer(write, { maxItems: 100, maxWaitMs: 5, maxConcurrent: 1 })
    const callers = [[1, 2], [3], [4, 5, 6], [7, 8]].map((items) => coalescer.submit(items))
    const settled = await Promise.allSettled(callers)
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect((settled[3] as PromiseFulfilledResult<string[]>).value).toEqual(['ok 7', 'ok 8'])
  })

  it('when a caller submits each item apart, then a refused item leaves the answers of its siblings', async () => {
    const { write } = refusing(new Set([2]), '23505')
    const coalescer = new WriteCoalescer(write, { maxItems: 100, maxWaitMs: 0, maxConcurrent: 1 })
    const settled = await coalescer.submitEach([1, 2, 3])
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  })

  it('when the connection to the database fails, then the flush is not split and every caller in it is refused once', async () => {
    const { writes, write } = refusing(new Set([1, 2, 3, 4]), '08006')
    const coalescer = new WriteCoalescer(write, { maxItems: 100, maxWaitMs: 5, maxConcurrent: 1 })
    const settled = await Promise.allSettled([coalescer.submit([1, 2]), coalescer.submit([3, 4])])
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected'])
    expect(writes).toEqual([[1, 2, 3, 4]])
  })
})
