import { ApiError } from '@/services/api-client'
import { LatestLoad } from '@/stores/latest-load'

/** An answer that arrives only when the test says so, to put a late answer after a newer one. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('LatestLoad', () => {
  it('when an older answer arrives after a newer one, then the newer one stays and only it counts as landed', async () => {
    const load = new LatestLoad<string>()
    const older = deferred<string>()

    const olderLanded = load.load(() => older.promise)
    const newerLanded = await load.load(() => Promise.resolve('第2网格'))
    older.resolve('第1网格')

    expect(newerLanded).toBe(true)
    expect(await olderLanded).toBe(false)
    expect(load.value).toBe('第2网格')
    expect(load.state).toBe('ready')
  })

  it('when an older request fails after a newer one succeeded, then the state stays ready with no error', async () => {
    const load = new LatestLoad<string>()
    const older = deferred<string>()

    const olderLanded = load.load(() => older.promise)
    await load.load(() => Promise.resolve('第2网格'))
    older.reject(new ApiError('OUT_OF_SCOPE', '该数据不在您负责的辖区内', 403))

    expect(await olderLanded).toBe(false)
    expect(load.state).toBe('ready')
    expect(load.error).toBeNull()
    expect(load.value).toBe('第2网格')
  })

  it('when cleared while an answer is on its way, then the answer is dropped and nothing is shown', async () => {
    const load = new LatestLoad<string>()
    await load.load(() => Promise.resolve('第1网格'))
    const pending = deferred<string>()

    const landed = load.load(() => pending.promise)
    load.clear()
    pending.resolve('第2网格')

    expect(await landed).toBe(false)
    expect(load.state).toBe('idle')
    expect(load.value).toBeNull()
  })

  it('when the server refuses, then the error is its Chinese message and the last value stays', async () => {
    const load = new LatestLoad<string>()
    await load.load(() => Promise.resolve('第1网格'))

    const landed = await load.load(() => Promise.reject(new ApiError('OUT_OF_SCOPE', '该数据不在您负责的辖区内', 403)))

    expect(landed).toBe(false)
    expect(load.state).toBe('error')
    expect(load.error).toBe('该数据不在您负责的辖区内')
    expect(load.value).toBe('第1网格')
  })

  it('when something other than the server fails, then the error is the general Chinese message', async () => {
    const load = new LatestLoad<string>()

    await load.load(() => Promise.reject(new TypeError('Failed to fetch')))

    expect(load.state).toBe('error')
    expect(load.error).toBe('出错了，请稍后重试')
  })

  it('when a refresh fails without signal, then the last answer stays on screen with no error', async () => {
    const load = new LatestLoad<string>()
    await load.load(() => Promise.resolve('第1网格'))

    const landed = await load.refresh(() => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0)))

    expect(landed).toBe(false)
    expect(load.state).toBe('ready')
    expect(load.error).toBeNull()
    expect(load.value).toBe('第1网格')
  })

  it('when a reload fails while an answer is shown, then the answer stays ready with the reason beside it', async () => {
    const load = new LatestLoad<string>()
    await load.load(() => Promise.resolve('第1网格'))

    const landed = await load.reload(() => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0)))

    expect(landed).toBe(false)
    expect(load.state).toBe('ready')
    expect(load.error).toBe('网络不可用，请检查网络后重试')
    expect(load.value).toBe('第1网格')
  })

  it('when a reload fails with nothing shown yet, then it is an error like a first load', async () => {
    const load = new LatestLoad<string>()

    await load.reload(() => Promise.reject(new ApiError('NETWORK', '网络不可用，请检查网络后重试', 0)))

    expect(load.state).toBe('error')
    expect(load.error).toBe('网络不可用，请检查网络后重试')
  })

  it('when a failure is known without asking, then it wins over an answer still on its way and keeps its cause', async () => {
    const load = new LatestLoad<string>()
    const pending = deferred<string>()
    const refused = new ApiError('LABEL_UNKNOWN', '没有识别到门牌码，请重新扫码', 400)

    const landed = load.load(() => pending.promise)
    load.fail(refused)
    pending.resolve('第1网格')

    expect(await landed).toBe(false)
    expect(load.state).toBe('error')
    expect(load.error).toBe('没有识别到门牌码，请重新扫码')
    expect(load.failure).toBe(refused)
  })
})
