import { authEndpoints } from './auth'
import { bulletinEndpoints } from './bulletins'
import type { EndpointMap } from './endpoint'
import { groupEndpoints } from './groups'
import { healthEndpoints } from './health'
import { householdEndpoints } from './households'
import { invitationEndpoints } from './invitations'
import { reachEndpoints } from './reach'
import { regionEndpoints } from './regions'
import { reminderEndpoints } from './reminders'
import { residenceEndpoints } from './residence'
import { shareEndpoints } from './shares'
import { userEndpoints } from './users'
import { visitEndpoints } from './visits'

/** Every endpoint of the API, keyed `'METHOD /path/:param'`: the server registers these, the client calls them. */
export const endpoints = {
  ...authEndpoints,
  ...bulletinEndpoints,
  ...groupEndpoints,
  ...healthEndpoints,
  ...householdEndpoints,
  ...invitationEndpoints,
  ...reachEndpoints,
  ...regionEndpoints,
  ...reminderEndpoints,
  ...residenceEndpoints,
  ...shareEndpoints,
  ...userEndpoints,
  ...visitEndpoints,
} satisfies EndpointMap

export type Endpoints = typeof endpoints
export type EndpointKey = keyof Endpoints
