// Just enough of @tarojs/taro for stores and pages under jsdom; storage is an in-memory map reset per test file.
const storage = new Map<string, unknown>()

const Taro = {
  navigateTo: jest.fn(() => Promise.resolve()),
  redirectTo: jest.fn(() => Promise.resolve()),
  switchTab: jest.fn(() => Promise.resolve()),
  navigateBack: jest.fn(() => Promise.resolve()),
  // Two pages: the one under test and the one it was opened from.
  getCurrentPages: jest.fn(() => [{}, {}]),
  showToast: jest.fn(() => Promise.resolve()),
  login: jest.fn(() => Promise.resolve({ code: 'test-code', errMsg: 'login:ok' })),
  request: jest.fn(() => Promise.reject(new Error('Taro.request is not faked in this test'))),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  onNetworkStatusChange: jest.fn(),
  onAppShow: jest.fn(),
  scanCode: jest.fn(() => Promise.reject(new Error('Taro.scanCode is not faked in this test'))),
  getLocation: jest.fn(() => Promise.reject(new Error('getLocation:fail auth deny'))),
  getRandomValues: jest.fn(() => Promise.reject(new Error('getRandomValues is not faked in this test'))),
  setClipboardData: jest.fn(() => Promise.resolve()),
  openDocument: jest.fn(() => Promise.resolve()),
  makePhoneCall: jest.fn(() => Promise.resolve()),
  stopPullDownRefresh: jest.fn(),
  // A 375 px phone.
  getWindowInfo: jest.fn(() => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 })),
}

export const useLaunch = jest.fn()
export const useDidShow = jest.fn()
export const useRouter = jest.fn(() => ({ params: {} }))
export const usePullDownRefresh = jest.fn()
export default Taro
