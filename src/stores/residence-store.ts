import { flow, makeAutoObservable } from 'mobx'
import type { Me } from '@/contract/auth'
import type { MyData, PlaceTown, PlaceVillage, Residence, ResidenceChoice } from '@/contract/residence'
import type { Api } from '@/services/api-client'
import { LatestLoad } from './latest-load'
import { Submission, type Outcome } from './submission'

export type ResidenceApi = Pick<Api, 'places' | 'myResidence' | 'bindResidence' | 'leaveResidence' | 'myData'>

/** What the residence store needs from the session: to show the new roles at once after binding or leaving. */
export interface MeHolder {
  readonly me: Me | null
  replaceMe(me: Me): void
}

export interface VillageMatch {
  town: PlaceTown
  village: PlaceVillage
}

/** Typing 东胜 finds 东胜村; so does 柏林 for every village of 柏林镇. Spaces are ignored. */
export function searchVillages(towns: readonly PlaceTown[], query: string): VillageMatch[] {
  const q = query.replace(/\s/g, '')
  if (!q) return []
  const matches: VillageMatch[] = []
  for (const town of towns) {
    const townMatches = town.name.includes(q)
    for (const village of town.villages) {
      if (townMatches || village.name.includes(q)) matches.push({ town, village })
    }
  }
  return matches
}

/** A resident's own village: the picker's places and search, binding and leaving, and what is stored about them. */
export class ResidenceStore {
  readonly places = new LatestLoad<{ towns: PlaceTown[] }>()
  readonly current = new LatestLoad<{ residence: Residence | null }>()
  readonly myData = new LatestLoad<MyData>()
  query = ''
  townId: string | null = null
  private readonly bindRequest = new Submission()
  /** The village just bound, for 已登记为 XX村 居民. */
  justBound: Residence | null = null
  /** The door label that bound it, when it was 「我住这里」. */
  boundDoorToken: string | null = null
  private readonly leaveRequest = new Submission()
  /** A door label whose 「我住这里」 was tapped while signed out: bound as soon as the person has signed in. */
  pendingDoorToken: string | null = null

  constructor(private readonly api: ResidenceApi, private readonly session: MeHolder) {
    makeAutoObservable<ResidenceStore, 'api' | 'session' | 'bindRequest' | 'leaveRequest'>(this, {
      api: false, session: false, places: false, current: false, myData: false, bindRequest: false, leaveRequest: false,
    })
  }

  get binding(): boolean {
    return this.bindRequest.busy
  }

  get bindError(): string | null {
    return this.bindRequest.error
  }

  get leaving(): boolean {
    return this.leaveRequest.busy
  }

  get leaveError(): string | null {
    return this.leaveRequest.error
  }

  get towns(): PlaceTown[] {
    return this.places.value?.towns ?? []
  }

  get town(): PlaceTown | null {
    return this.towns.find((t) => t.id === this.townId) ?? null
  }

  /** Search results across all towns while something is typed. */
  get matches(): VillageMatch[] {
    return searchVillages(this.towns, this.query)
  }

  get residence(): Residence | null {
    return this.current.value?.residence ?? null
  }

  reset(): void {
    this.current.clear()
    this.myData.clear()
    this.query = ''
    this.townId = null
    this.bindRequest.clear()
    this.justBound = null
    this.boundDoorToken = null
    this.leaveRequest.clear()
    this.pendingDoorToken = null
  }

  /** Places are public and the same for everyone: loaded once, kept across sign-outs. */
  loadPlaces(): Promise<boolean> {
    if (this.places.state === 'ready' || this.places.state === 'loading') return Promise.resolve(true)
    return this.places.load(() => this.api.places())
  }

  loadResidence(): Promise<boolean> {
    return this.current.load(() => this.api.myResidence())
  }

  loadMyData(): Promise<boolean> {
    return this.myData.load(() => this.api.myData())
  }

  setQuery(text: string): void {
    this.query = text
  }

  chooseTown(id: string | null): void {
    this.townId = id
  }

  intendDoorBind(token: string): void {
    this.pendingDoorToken = token
  }

  /** Resolves true once bound; the session's `me` then holds the resident role. */
  bind = flow(function* (this: ResidenceStore, input: ResidenceChoice) {
    const bound: Outcome<{ residence: Residence; me: Me }> = yield this.bindRequest.run(() => this.api.bindResidence(input))
    if (!bound.ok) return false
    this.current.set({ residence: bound.value.residence })
    this.justBound = bound.value.residence
    this.boundDoorToken = 'doorToken' in input ? input.doorToken : null
    if ('doorToken' in input && this.pendingDoorToken === input.doorToken) this.pendingDoorToken = null
    this.session.replaceMe(bound.value.me)
    return true
  })

  /** 注销居民身份: after it, the person has no village and their quiz and prize history is gone. */
  leave = flow(function* (this: ResidenceStore) {
    const left: Outcome<unknown> = yield this.leaveRequest.run(() => this.api.leaveResidence())
    if (!left.ok) return false
    this.current.set({ residence: null })
    this.justBound = null
    this.boundDoorToken = null
    const me = this.session.me
    if (me) this.session.replaceMe({ ...me, roles: me.roles.filter((r) => r.role !== 'resident') })
    if (this.myData.state !== 'idle') yield this.loadMyData()
    return true
  })
}
