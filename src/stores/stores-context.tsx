import { createContext, useContext, type PropsWithChildren } from 'react'
import type { RootStore } from './root-store'

const StoresContext = createContext<RootStore | null>(null)

export function StoresProvider({ store, children }: PropsWithChildren<{ store: RootStore }>) {
  return <StoresContext.Provider value={store}>{children}</StoresContext.Provider>
}

export function useStores(): RootStore {
  const store = useContext(StoresContext)
  if (!store) throw new Error('useStores() needs a <StoresProvider> above it')
  return store
}
