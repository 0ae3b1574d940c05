import { createElement, type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { createRootStore } from '@/stores/root-store'
import { StoresProvider } from '@/stores/stores-context'
import './app.scss'

const store = createRootStore()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // A token kept from the last visit: refresh who we are (roles may have changed since).
    void store.session.loadMe()
  })
  return createElement(StoresProvider, { store }, children)
}

export default App
