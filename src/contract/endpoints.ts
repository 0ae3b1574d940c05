import { activityEndpoints } from './activities'
import type { EndpointMap } from './endpoint'
import { householdEndpoints } from './households'
import { knowledgeEndpoints } from './knowledge'
import { prizeEndpoints } from './prizes'
import { quizEndpoints } from './quiz'
import { reportEndpoints } from './reports'
import { visitEndpoints } from './visits'

/** Every endpoint of the API, keyed `'METHOD /path/:param'`: the server registers these, the client calls them. */
export const endpoints = {
  ...activityEndpoints,
  ...householdEndpoints,
  ...knowledgeEndpoints,
  ...prizeEndpoints,
  ...quizEndpoints,
  ...reportEndpoints,
  ...visitEndpoints,
} satisfies EndpointMap

export type Endpoints = typeof endpoints
export type EndpointKey = keyof Endpoints
