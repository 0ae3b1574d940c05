import { activityEndpoints } from './activities'
import { authEndpoints } from './auth'
import { bulletinEndpoints } from './bulletins'
import { coverageEndpoints } from './coverage'
import { doorEndpoints } from './doors'
import type { EndpointMap } from './endpoint'
import { groupEndpoints } from './groups'
import { healthEndpoints } from './health'
import { householdEndpoints } from './households'
import { invitationEndpoints } from './invitations'
import { knowledgeEndpoints } from './knowledge'
import { labelEndpoints } from './labels'
import { patrolEndpoints } from './patrol'
import { pledgeEndpoints } from './pledges'
import { prizeEndpoints } from './prizes'
import { quizEndpoints } from './quiz'
import { reachEndpoints } from './reach'
import { regionEndpoints } from './regions'
import { reminderEndpoints } from './reminders'
import { reportEndpoints } from './reports'
import { residenceEndpoints } from './residence'
import { shareEndpoints } from './shares'
import { userEndpoints } from './users'
import { visitTaskEndpoints } from './visit-tasks'
import { visitEndpoints } from './visits'
import { warningEndpoints } from './warnings'

/** Every endpoint of the API, keyed `'METHOD /path/:param'`: the server registers these, the client calls them. */
export const endpoints = {
  ...activityEndpoints,
  ...authEndpoints,
  ...bulletinEndpoints,
  ...coverageEndpoints,
  ...doorEndpoints,
  ...groupEndpoints,
  ...healthEndpoints,
  ...householdEndpoints,
  ...invitationEndpoints,
  ...knowledgeEndpoints,
  ...labelEndpoints,
  ...patrolEndpoints,
  ...pledgeEndpoints,
  ...prizeEndpoints,
  ...quizEndpoints,
  ...reachEndpoints,
  ...regionEndpoints,
  ...reminderEndpoints,
  ...reportEndpoints,
  ...residenceEndpoints,
  ...shareEndpoints,
  ...userEndpoints,
  ...visitTaskEndpoints,
  ...visitEndpoints,
  ...warningEndpoints,
} satisfies EndpointMap

export type Endpoints = typeof endpoints
export type EndpointKey = keyof Endpoints
