import Taro from '@tarojs/taro'

/** Moments worth trying an upload again: the network came back, or the user returned to the app. */
export interface ConnectivityEvents {
  onReconnect(listener: () => void): void
  onAppShow(listener: () => void): void
}

export class TaroConnectivityEvents implements ConnectivityEvents {
  onReconnect(listener: () => void): void {
    Taro.onNetworkStatusChange(({ isConnected }) => {
      if (isConnected) listener()
    })
    // Taro's H5 network status relies on navigator.connection, which many browsers lack; 'online' is universal.
    if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.addEventListener('online', listener)
  }

  onAppShow(listener: () => void): void {
    Taro.onAppShow(() => listener())
  }
}

/** Timers behind an interface so that tests can see the retry delay without waiting for it. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
