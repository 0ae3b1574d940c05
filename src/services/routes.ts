/** Page URLs used by more than one page, kept in one place so a moved page breaks loudly. */
export const ROUTES = {
  me: '/pages/me/index',
  login: '/pages/login/index',
  learn: '/pages/learn/index',
  quiz: '/pages/quiz/index',
  workerHome: '/packages/worker/pages/home/index',
  adminHome: '/packages/admin/pages/home/index',
  bulletins: '/pages/bulletins/index',
  bulletin: '/pages/bulletin/index',
  adminBulletins: '/packages/admin/pages/bulletins/index',
  bulletinEdit: '/packages/admin/pages/bulletin-edit/index',
  bulletinReach: '/packages/admin/pages/bulletin-reach/index',
  groups: '/packages/admin/pages/groups/index',
} as const
