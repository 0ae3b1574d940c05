import { createContext, useContext, type PropsWithChildren } from 'react'
import type { RootStore } from './root-store'
import type { StoreFactory, UserScoped } from './store-context'

const StoresContext = createContext<RootStore | null>(null)

export function StoresProvider({ store, children }: PropsWithChildren<{ store: RootStore }>) {
  return <StoresContext.Provider value={store}>{children}</StoresContext.Provider>
}

export function useStores(): RootStore {
  const store = useContext(StoresContext)
  if (!store) throw new Error('useStores() needs a <StoresProvider> above it')
  return store
}

/** The page-level store this factory builds, shared by every page that asks for it and emptied on sign-out. */
export function useStore<T extends UserScoped>(factory: StoreFactory<T>): T {
  return useStores().store(factory)
}
