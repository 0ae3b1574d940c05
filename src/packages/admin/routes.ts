import { ROUTES } from '@/navigation/routes'

/** The admin subpackage's pages, kept in one place so that a moved page breaks loudly. */
export const ADMIN_ROUTES = {
  coverage: '/packages/admin/pages/coverage-report/index',
  households: '/packages/admin/pages/households/index',
  labels: '/packages/admin/pages/labels/index',
  learnPosters: ROUTES.learnPosters,
  activities: ROUTES.activities,
  activityEdit: '/packages/admin/pages/activity-edit/index',
  reports: '/packages/admin/pages/reports/index',
} as const

/** One person's page in 人员管理. */
export function userPageUrl(id: string): string {
  return `${ROUTES.adminUser}?id=${encodeURIComponent(id)}`
}
