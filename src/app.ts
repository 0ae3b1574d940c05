import { createElement, type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { autorun } from 'mobx'
import { configure as configureNutIcons } from '@nutui/icons-react-taro'
import { createRootStore } from '@/stores/root-store'
import { StoresProvider } from '@/stores/stores-context'
import { startOfflineSupport } from '@/services/service-worker'
import { makeScrollRegionsFocusable } from '@/services/keyboard-scroll'
import './app.scss'

// NutUI's icons (the spinner of LoadingBlock, SearchBar's magnifier, …) render an HTML <i> by default. Taro's
// weapp templates have no `i` element, so WeChat logged "Template `tmpl_0_i` not found" and drew no icon
// (tests/weapp/templates.weapp.test.js). A <view> carries the same class and mask style on both targets.
configureNutIcons({ tag: 'view' })

const store = createRootStore()

if (process.env.TARO_ENV === 'h5') {
  // H5's tab bar lives outside every page: 关怀模式 reaches its labels through a class on the document.
  autorun(() => document.documentElement.classList.toggle('care-mode-root', store.ui.careMode))
  makeScrollRegionsFocusable()
}
startOfflineSupport()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // A token kept from the last visit: refresh who we are (roles may have changed since).
    void store.session.loadMe()
    // Started without network, that refresh failed or fell back to who was last confirmed here (SessionStore.unconfirmed):
    // confirm the session as soon as the network is back rather than at the next launch.
    const confirmSession = () => {
      if (store.session.hasToken && (!store.session.isSignedIn || store.session.unconfirmed)) void store.session.loadMe()
    }
    Taro.onNetworkStatusChange(({ isConnected }) => {
      if (isConnected) confirmSession()
    })
    // Taro's H5 network status needs navigator.connection, which many browsers lack; 'online' is universal.
    if (process.env.TARO_ENV === 'h5') window.addEventListener('online', confirmSession)
  })
  return createElement(StoresProvider, { store }, children)
}

export default App
