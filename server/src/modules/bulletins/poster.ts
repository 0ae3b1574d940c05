import { existsSync } from 'node:fs'
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js'

/** Fonts with Chinese glyphs, the preferred first; .ci/run installs the first one. */
const CJK_FONT_FILES = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
]
const PREFERRED_FAMILY = 'WenQuanYi Micro Hei'

/**
 * Finished values kept for the most recently used keys, and the one in progress per key shared by every caller
 * who asks meanwhile: rendering a poster takes a core for a while, so the same one is never rendered twice at once.
 */
export class SharedLruCache<V> {
  private readonly done = new Map<string, V>()
  private readonly running = new Map<string, Promise<V>>()

  constructor(private readonly capacity: number) {}

  getOrCreate(key: string, make: () => Promise<V>): Promise<V> {
    const hit = this.done.get(key)
    if (hit !== undefined) {
      // Map keeps insertion order: re-inserting marks the key as the most recently used.
      this.done.delete(key)
      this.done.set(key, hit)
      return Promise.resolve(hit)
    }
    const inFlight = this.running.get(key)
    if (inFlight) return inFlight
    const promise = make()
      .then((value) => {
        this.done.set(key, value)
        if (this.done.size > this.capacity) this.done.delete(this.done.keys().next().value as string)
        return value
      })
      .finally(() => this.running.delete(key))
    this.running.set(key, promise)
    return promise
  }
}

/**
 * Turns poster SVGs into PNGs with resvg, off the event loop (resvg's async render runs on libuv's pool).
 * Without a CJK font the poster still renders, with boxes for Chinese text; that is logged once.
 */
export class PosterRenderer {
  private options: ResvgRenderOptions | null = null
  private readonly cache: SharedLruCache<Buffer>

  constructor(
    private readonly warn: (message: string) => void,
    capacity = 50,
    private readonly fontCandidates: readonly string[] = CJK_FONT_FILES,
  ) {
    this.cache = new SharedLruCache<Buffer>(capacity)
  }

  /** The PNG for this key, rendering `svg()` only when it is neither cached nor being rendered. */
  png(key: string, svg: () => Promise<string>): Promise<Buffer> {
    return this.cache.getOrCreate(key, async () => {
      const image = await renderAsync(await svg(), this.renderOptions())
      return image.asPng()
    })
  }

  private renderOptions(): ResvgRenderOptions {
    if (!this.options) {
      const fontFiles = this.fontCandidates.filter((f) => existsSync(f))
      if (fontFiles.length === 0) this.warn(`没有找到中文字体（${this.fontCandidates.join('、')}），海报中的中文将无法正常显示`)
      this.options = {
        fitTo: { mode: 'original' },
        font: {
          loadSystemFonts: true,
          fontFiles,
          ...(fontFiles.includes(CJK_FONT_FILES[0]) && { defaultFontFamily: PREFERRED_FAMILY, sansSerifFamily: PREFERRED_FAMILY }),
        },
      }
    }
    return this.options
  }
}
