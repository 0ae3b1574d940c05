import Taro from '@tarojs/taro'
import { ROUTES } from '@/navigation/routes'
import type { VisitQueueStore } from '@/stores/visit-queue-store'

function savedMessage(queue: VisitQueueStore, id: string): string {
  const item = queue.items.find((i) => i.input.id === id)
  if (!item) return '已保存'
  if (item.rejection) return `未被接受：${item.rejection.message}`
  if (queue.storageError) return '已保存，请尽快联网上传'
  return '已保存，联网后自动上传'
}

/**
 * After saving: try the upload, tell the worker where the record is, and go back to the door. The record is
 * already on the phone, so the toast only says whether it has reached the server yet.
 */
export async function confirmSavedAndLeave(queue: VisitQueueStore, id: string): Promise<void> {
  await queue.sync()
  const title = savedMessage(queue, id)
  void Taro.showToast({ title, icon: title === '已保存' ? 'success' : 'none', duration: 2000 })
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: ROUTES.workerHome })
}
