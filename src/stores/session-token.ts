import { makeAutoObservable } from 'mobx'
import type { TokenStore } from '@/services/token-storage'

/**
 * The token as observable state, persisted through the injected store. The API client clears it on a dead
 * token (401), and the session, which derives "signed in" from it, follows without extra wiring.
 */
export class SessionToken implements TokenStore {
  private value: string | null
  /** Why the server ended the last session, shown where the app asks to sign in again; cleared by the next sign-in. */
  endedBecause: string | null = null

  constructor(private readonly persisted: TokenStore) {
    this.value = persisted.get()
    makeAutoObservable<SessionToken, 'persisted'>(this, { persisted: false })
  }

  get(): string | null {
    return this.value
  }

  set(token: string | null, endedBecause?: string): void {
    this.value = token
    this.endedBecause = token ? null : (endedBecause ?? null)
    this.persisted.set(token)
  }
}
