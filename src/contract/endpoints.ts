import { coverageEndpoints } from './coverage'
import { doorEndpoints } from './doors'
import type { EndpointMap } from './endpoint'
import { householdEndpoints } from './households'
import { labelEndpoints } from './labels'
import { patrolEndpoints } from './patrol'
import { pledgeEndpoints } from './pledges'
import { visitTaskEndpoints } from './visit-tasks'
import { visitEndpoints } from './visits'
import { warningEndpoints } from './warnings'

/** Every endpoint of the API, keyed `'METHOD /path/:param'`: the server registers these, the client calls them. */
export const endpoints = {
  ...coverageEndpoints,
  ...doorEndpoints,
  ...householdEndpoints,
  ...labelEndpoints,
  ...patrolEndpoints,
  ...pledgeEndpoints,
  ...visitTaskEndpoints,
  ...visitEndpoints,
  ...warningEndpoints,
} satisfies EndpointMap

export type Endpoints = typeof endpoints
export type EndpointKey = keyof Endpoints
