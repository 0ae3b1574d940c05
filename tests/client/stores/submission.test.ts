import { ApiError } from '@/services/api-client'
import { Submission } from '@/stores/submission'

describe('Submission', () => {
  it('when the write succeeds, then its answer comes back and nothing is busy or wrong', async () => {
    const submission = new Submission()

    const outcome = await submission.run(() => Promise.resolve('DH-7K2Q'))

    expect(outcome).toEqual({ ok: true, value: 'DH-7K2Q' })
    expect(submission.busy).toBe(false)
    expect(submission.error).toBeNull()
  })

  it('when the server refuses, then its Chinese message is kept and the outcome is not ok', async () => {
    const submission = new Submission()

    const outcome = await submission.run(() => Promise.reject(new ApiError('PRIZE_OUT_OF_STOCK', '奖品已领完', 409)))

    expect(outcome).toEqual({ ok: false })
    expect(submission.error).toBe('奖品已领完')
  })

  it('when the server refuses, then the refusal itself is kept so that a store can tell its kind apart', async () => {
    const submission = new Submission()
    const refused = new ApiError('WARNING_STATE_CHANGED', '该预警已被他人处置，请刷新后再试', 409)

    await submission.run(() => Promise.reject(refused))

    expect(submission.failure).toBe(refused)
  })

  it('when a refusal is dismissed, then neither its message nor the refusal is kept', async () => {
    const submission = new Submission()
    await submission.run(() => Promise.reject(new ApiError('PRIZE_OUT_OF_STOCK', '奖品已领完', 409)))

    submission.dismiss()

    expect(submission.error).toBeNull()
    expect(submission.failure).toBeNull()
  })

  it('when a second tap comes while the first write runs, then the second writes nothing', async () => {
    const submission = new Submission()
    let release!: () => void
    const writes: string[] = []
    const first = submission.run(() => new Promise<void>((resolve) => {
      writes.push('first')
      release = resolve
    }))

    const second = await submission.run(() => {
      writes.push('second')
      return Promise.resolve()
    })
    expect(submission.busy).toBe(true)
    release()

    expect(second).toEqual({ ok: false })
    expect(await first).toEqual({ ok: true, value: undefined })
    expect(writes).toEqual(['first'])
  })
})
