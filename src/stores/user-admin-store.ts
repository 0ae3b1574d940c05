import { flow, makeAutoObservable } from 'mobx'
import type { ManagedUser, ManagedUserDetail, RoleMove, RoleRef, UserQuery } from '@/contract/users'
import { ROLE_LABELS, ROLES, type Role } from '@/core/roles'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import { Submission, type Outcome } from './submission'
import { PagedList } from './paged-list'
import type { StoreFactory } from './store-context'

export const USER_ADMIN_PAGE_SIZE = 20

/** The roles the list can be filtered by, in words. */
export const ROLE_CHOICES = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))

export type UserAdminApi = Pick<Api, 'managedUsers' | 'managedUser' | 'removeUserRole' | 'moveUserRole' | 'deactivateUser' | 'reactivateUser'>

export interface UserFilters {
  role?: Role
  regionId?: string
  status?: 'active' | 'inactive'
}

/** An action on one person waiting for the manager to confirm it in a dialog. */
export type PendingUserAction =
  | { kind: 'remove'; role: RoleRef }
  | { kind: 'move'; move: RoleMove }
  | { kind: 'deactivate' }
  | { kind: 'reactivate' }

/** 人员管理: the people in the manager's scope, searched and filtered; one person's roles, account and history. */
export class UserAdminStore {
  query = ''
  filters: UserFilters = {}
  /** The people found: pages read its items, total and state directly. */
  readonly list = new PagedList<ManagedUser>()
  readonly detail = new LatestLoad<ManagedUserDetail>()
  detailId: string | null = null
  pending: PendingUserAction | null = null
  private readonly submission = new Submission()

  constructor(private readonly api: UserAdminApi) {
    makeAutoObservable<UserAdminStore, 'api' | 'submission'>(this, { api: false, list: false, detail: false, submission: false })
  }

  get acting(): boolean {
    return this.submission.busy
  }

  get actionError(): string | null {
    return this.submission.error
  }

  get searchQuery(): UserQuery {
    const q = this.query.trim()
    return { ...(q && { q }), ...definedOnly(this.filters), page: 1, pageSize: USER_ADMIN_PAGE_SIZE }
  }

  get user(): ManagedUserDetail | null {
    const value = this.detail.value
    return value && value.id === this.detailId ? value : null
  }

  reset(): void {
    this.list.clear()
    this.detail.clear()
    this.detailId = null
    this.query = ''
    this.filters = {}
    this.pending = null
    this.submission.clear()
  }

  setQuery(text: string): void {
    this.query = text
  }

  /** Any change of filter starts again from the first page. */
  setFilter<K extends keyof UserFilters>(key: K, value: UserFilters[K] | undefined): Promise<void> {
    this.filters = { ...this.filters, [key]: value }
    return this.search()
  }

  search(): Promise<void> {
    return this.list.load((page) => this.api.managedUsers({ ...this.searchQuery, page }))
  }

  loadMore(): Promise<void> {
    return this.list.loadMore((page) => this.api.managedUsers({ ...this.searchQuery, page }))
  }

  open(id: string): Promise<boolean> {
    if (this.detailId !== id) {
      this.detail.clear()
      this.pending = null
      this.submission.dismiss()
    }
    this.detailId = id
    return this.detail.load(() => this.api.managedUser(id))
  }

  ask(action: PendingUserAction): void {
    this.pending = action
    this.submission.dismiss()
  }

  cancel(): void {
    this.pending = null
  }

  /** Runs the confirmed action; the person's page and their row in the list show the server's answer. */
  confirm = flow(function* (this: UserAdminStore) {
    const action = this.pending
    const id = this.detailId
    if (!action || !id || this.acting) return false
    this.pending = null
    const done: Outcome<ManagedUserDetail> = yield this.submission.run(() => this.run(id, action))
    if (!done.ok) return false
    const updated = done.value
    this.detail.set(updated)
    const row: ManagedUser = { id: updated.id, displayName: updated.displayName, active: updated.active, roles: updated.roles }
    this.list.items = this.list.items.map((u) => (u.id === id ? row : u))
    return true
  })

  private run(id: string, action: PendingUserAction): Promise<ManagedUserDetail> {
    switch (action.kind) {
      case 'remove':
        return this.api.removeUserRole(id, action.role)
      case 'move':
        return this.api.moveUserRole(id, action.move)
      case 'deactivate':
        return this.api.deactivateUser(id)
      case 'reactivate':
        return this.api.reactivateUser(id)
    }
  }
}

function definedOnly(filters: UserFilters): UserFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as UserFilters
}

export const userAdminStore: StoreFactory<UserAdminStore> = ({ api }) => new UserAdminStore(api)
