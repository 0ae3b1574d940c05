/**
 * Compile-time checks of the typed client call, run by `npm run type-check`: each `@ts-expect-error` fails the
 * check when the line it marks compiles, i.e. when the contract stops catching that mistake.
 */
import type { SyncBatchResult } from '@/contract/common'
import type { QuizAnswer, QuizPaper } from '@/contract/quiz'
import type { VisitInput } from '@/contract/visits'
import type { WarningDetail } from '@/contract/warnings'
import type { ApiClient } from '@/services/api-client'

export async function wrongCallsDoNotCompile(api: ApiClient, visit: VisitInput) {
  const answer: SyncBatchResult = await api.call('POST /api/visits/batch', { body: { visits: [visit] } })

  // @ts-expect-error a URL the contract does not know
  await api.call('POST /api/visit/batch', { body: { visits: [visit] } })
  // @ts-expect-error a method the path does not answer
  await api.call('GET /api/visits/batch', { body: { visits: [visit] } })
  // @ts-expect-error a body of the wrong shape
  await api.call('POST /api/visits/batch', { body: { visit } })
  // @ts-expect-error no body where one is required
  await api.call('POST /api/visits/batch')
  // @ts-expect-error the answer is not a list of visits
  const wrongAnswer: VisitInput[] = await api.call('POST /api/visits/batch', { body: { visits: [visit] } })

  return [answer, wrongAnswer]
}

export async function wrongWarningCallsDoNotCompile(api: ApiClient, warning: WarningDetail) {
  const stepped: WarningDetail = await api.call('POST /api/warnings/:id/steps', {
    params: { id: warning.id }, body: { step: 'contact', version: warning.version, note: '', lossAmount: null },
  })

  // @ts-expect-error a step the warning state machine does not have
  await api.call('POST /api/warnings/:id/steps', { params: { id: warning.id }, body: { step: 'closed', version: 1, note: '', lossAmount: null } })
  // @ts-expect-error the path parameter left out
  await api.call('GET /api/warnings/:id', {})

  return stepped
}

export async function wrongBulletinCallsDoNotCompile(api: ApiClient) {
  // @ts-expect-error a retraction without its reason
  await api.call('POST /api/bulletins/:id/retract', { params: { id: 'b1' }, body: {} })
  // @ts-expect-error the bulletin's id belongs in the path, not in the query
  await api.call('GET /api/public/bulletins/:id', { query: { id: 'b1' } })
}

export async function wrongQuizCallsDoNotCompile(api: ApiClient, answer: QuizAnswer) {
  // @ts-expect-error one answer is sent on its own, not as a submission's list
  await api.call('POST /api/quiz/today/answer', { body: { answers: [answer] } })
  // @ts-expect-error the answer's reveal is not the day's paper
  const paper: QuizPaper = await api.call('POST /api/quiz/today/answer', { body: answer })

  return paper
}

export async function noContentCallsAnswerNothing(api: ApiClient) {
  await api.call('DELETE /api/activities/:id', { params: { id: 'a1' } })
  // @ts-expect-error an endpoint answering 204 has no answer to read
  const nothing: { residence: null } = await api.call('DELETE /api/me/residence')
  // @ts-expect-error the photo's id is a path parameter too
  await api.call('DELETE /api/activities/:id/photos/:photoId', { params: { id: 'a1' } })

  return nothing
}
