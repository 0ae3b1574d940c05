import { ROUTES } from '@/navigation/routes'

/** One person's page in 人员管理. */
export function userPageUrl(id: string): string {
  return `${ROUTES.adminUser}?id=${encodeURIComponent(id)}`
}
