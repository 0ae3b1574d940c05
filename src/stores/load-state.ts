import { ApiError } from '@/services/api-client'

/** Every remote list goes through these states; pages render one block per state. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error'

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : '出错了，请稍后重试'
}
