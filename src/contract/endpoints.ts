import { bulletinEndpoints } from './bulletins'
import type { EndpointMap } from './endpoint'
import { groupEndpoints } from './groups'
import { householdEndpoints } from './households'
import { reachEndpoints } from './reach'
import { reminderEndpoints } from './reminders'
import { shareEndpoints } from './shares'
import { visitEndpoints } from './visits'

/** Every endpoint of the API, keyed `'METHOD /path/:param'`: the server registers these, the client calls them. */
export const endpoints = {
  ...bulletinEndpoints,
  ...groupEndpoints,
  ...householdEndpoints,
  ...reachEndpoints,
  ...reminderEndpoints,
  ...shareEndpoints,
  ...visitEndpoints,
} satisfies EndpointMap

export type Endpoints = typeof endpoints
export type EndpointKey = keyof Endpoints
