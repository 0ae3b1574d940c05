import type { AppContext } from '../../context'
import { WriteCoalescer } from '../../db/write-coalescer'
import { TtlCache } from '../../lib/ttl-cache'
import { ShareRepo, type BulletinState, type GroupRef, type NewOpen, type StoredOpen } from './repo'

/** Same settings as visit ingest: one INSERT … ON CONFLICT DO NOTHING per flush, one flush at a time. */
const OPEN_WRITES = { maxItems: 1000, maxWaitMs: 2, maxConcurrent: 1 }
/** Readers signing in for the first time arrive together: their key lookups share one query. */
const SESSION_KEY_LOOKUPS = { maxItems: 500, maxWaitMs: 1, maxConcurrent: 2 }

/**
 * How long what the open path looked up is trusted. A retraction or a new label therefore shows within
 * BULLETIN_TTL_MS / GROUP_TTL_MS on every server; a session's WeChat key never changes (a new login is a new
 * session), and a revoked token is refused by the auth plugin before it gets here.
 */
const BULLETIN_TTL_MS = 2_000
const GROUP_TTL_MS = 10_000
const SESSION_KEY_TTL_MS = 60_000

/**
 * The share repository as the instance uses it: when a bulletin reaches thousands of groups at once, their opens
 * are stored by one statement per flush, and the bulletin, the groups and the readers' session keys are looked
 * up once and remembered for a moment.
 */
export class BatchingShareRepository extends ShareRepo {
  private readonly bulletins = new TtlCache<string, BulletinState | null>(BULLETIN_TTL_MS)
  private readonly groups = new TtlCache<string, GroupRef>(GROUP_TTL_MS, 50_000)
  private readonly sessionKeys = new TtlCache<string, string | null>(SESSION_KEY_TTL_MS, 50_000)
  private readonly openWrites: WriteCoalescer<NewOpen, StoredOpen>
  private readonly sessionKeyLookups: WriteCoalescer<string, string | null>

  constructor(ctx: Pick<AppContext, 'db' | 'metrics'>) {
    super(ctx.db)
    this.openWrites = new WriteCoalescer((opens) => super.storeOpens(opens), { ...OPEN_WRITES, onFlush: ctx.metrics.batchObserver('opens') })
    this.sessionKeyLookups = new WriteCoalescer((hashes) => super.sessionKeysEnc(hashes), {
      ...SESSION_KEY_LOOKUPS, onFlush: ctx.metrics.batchObserver('session_keys'),
    })
  }

  /** Stores the opens still waiting, before the database closes. */
  drain(): Promise<void> {
    return this.openWrites.drain()
  }

  override storeOpens(opens: readonly NewOpen[]): Promise<StoredOpen[]> {
    return this.openWrites.submit([...opens])
  }

  override bulletin(id: string): Promise<BulletinState | null> {
    return this.bulletins.getOrLoad(id, () => super.bulletin(id))
  }

  override registerGroup(opengid: string, countyId: string, seenAt: Date): Promise<GroupRef> {
    return this.groups.getOrLoad(opengid, () => super.registerGroup(opengid, countyId, seenAt))
  }

  override sessionKeysEnc(tokenHashes: readonly string[]): Promise<(string | null)[]> {
    return Promise.all(tokenHashes.map((hash) => this.sessionKeys.getOrLoad(hash, async () => (await this.sessionKeyLookups.submit([hash]))[0])))
  }
}
