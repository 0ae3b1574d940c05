import Taro from '@tarojs/taro'
import type { LatLng } from '@/core/households'

/**
 * Where the phone is, or null when the user refuses, the browser has no permission, or no fix comes in time:
 * location is optional and must never block saving a visit.
 */
export async function currentLocation(timeoutMs = 8000): Promise<LatLng | null> {
  try {
    const fix = await Promise.race([
      Taro.getLocation({ type: 'gcj02' }),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
    ])
    return fix ? { lat: fix.latitude, lng: fix.longitude } : null
  } catch {
    return null
  }
}
