import cluster from 'node:cluster'
import { AggregatorRegistry, type Registry } from 'prom-client'

const ASK = 'xuanfang:cluster-metrics'
const ANSWER = 'xuanfang:cluster-metrics-answer'
/** prom-client gives up on a silent worker after 5 s; this waits a little longer for its answer. */
const ANSWER_TIMEOUT_MS = 6_000

interface Answer { type: typeof ANSWER; id: number; text?: string; error?: string }

/**
 * In a cluster worker (WORKERS=N): a scrape reaches whichever worker the primary hands the connection to, so that
 * worker asks the primary, which adds up every worker's registry (prom-client's AggregatorRegistry). Returns the
 * function that fetches the whole cluster's text.
 */
export function clusterWideMetrics(registry: Registry): () => Promise<string> {
  new AggregatorRegistry() // makes this worker answer the primary's requests for its numbers
  AggregatorRegistry.setRegistries([registry])
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (e: Error) => void }>()
  let next = 0
  process.on('message', (message: Answer) => {
    if (message?.type !== ANSWER) return
    const w = waiting.get(message.id)
    waiting.delete(message.id)
    if (message.error !== undefined) w?.reject(new Error(message.error))
    else w?.resolve(message.text ?? '')
  })
  return () => new Promise<string>((resolve, reject) => {
    const id = next++
    const timer = setTimeout(() => {
      if (waiting.delete(id)) reject(new Error('no metrics from the cluster primary'))
    }, ANSWER_TIMEOUT_MS)
    waiting.set(id, { resolve: (t) => { clearTimeout(timer); resolve(t) }, reject: (e) => { clearTimeout(timer); reject(e) } })
    process.send!({ type: ASK, id })
  })
}

/** In the cluster primary: answers the workers' requests with every worker's numbers added up. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry()
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== ASK) return
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text }),
      (e: Error) => worker.send({ type: ANSWER, id: message.id, error: e.message }),
    )
  })
}
