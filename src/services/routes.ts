/** Page URLs used by more than one page, kept in one place so a moved page breaks loudly. */
export const ROUTES = {
  me: '/pages/me/index',
  login: '/pages/login/index',
  learn: '/pages/learn/index',
  quiz: '/pages/quiz/index',
  workerHome: '/packages/worker/pages/home/index',
  adminHome: '/packages/admin/pages/home/index',
} as const
