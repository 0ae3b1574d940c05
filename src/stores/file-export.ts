import { makeAutoObservable } from 'mobx'

/** A file the server makes for download; `running` lets the page disable its button until the file has come. */
export class FileExport {
  running = false

  constructor() {
    makeAutoObservable(this)
  }

  async run<T>(download: () => Promise<T>): Promise<T> {
    this.setRunning(true)
    try {
      return await download()
    } finally {
      this.setRunning(false)
    }
  }

  private setRunning(on: boolean): void {
    this.running = on
  }
}
