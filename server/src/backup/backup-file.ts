import { once } from 'node:events'
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip, createGzip } from 'node:zlib'
import { BackupError } from './backup-format'

/**
 * Runs `produce` with a writer of lines into a gzip'd file. The file appears under its name only once complete:
 * a backup stopped halfway never looks like a backup.
 */
export async function writeBackupFile<T>(file: string, produce: (write: (lines: string) => Promise<void>) => Promise<T>): Promise<T> {
  const partial = `${file}.partial`
  const gzip = createGzip({ level: 6 })
  const out = gzip.pipe(createWriteStream(partial))
  try {
    const result = await produce(async (lines) => {
      if (!gzip.write(`${lines}\n`)) await once(gzip, 'drain')
    })
    gzip.end()
    await once(out, 'finish')
    renameSync(partial, file)
    return result
  } catch (e) {
    gzip.destroy()
    out.destroy()
    rmSync(partial, { force: true })
    throw e
  }
}

/** The lines of a gzip'd backup file, one at a time; a missing, truncated or foreign file stops with a BackupError. */
export async function* readBackupLines(file: string): AsyncGenerator<string> {
  if (!existsSync(file)) throw new BackupError('BACKUP_FILE_INVALID', `备份文件不存在: ${file}`)
  const source = createReadStream(file)
  const gunzip = createGunzip()
  const lines = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity })
  let failure: Error | null = null
  const fail = (e: Error) => {
    failure = e
    lines.close()
  }
  source.on('error', fail)
  gunzip.on('error', fail)
  for await (const line of lines) {
    if (failure) break
    yield line
  }
  if (failure) throw new BackupError('BACKUP_FILE_INVALID', `无法读取备份文件 ${file}（不是完整的 gzip 备份）: ${(failure as Error).message}`)
}
