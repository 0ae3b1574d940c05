import Taro from '@tarojs/taro'

/** Page URLs used by more than one page, kept in one place so a moved page breaks loudly. */
export const ROUTES = {
  home: '/pages/home/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  learn: '/pages/learn/index',
  article: '/pages/article/index',
  quiz: '/pages/quiz/index',
  workerHome: '/packages/worker/pages/home/index',
  adminHome: '/packages/admin/pages/home/index',
  bulletins: '/pages/bulletins/index',
  bulletin: '/pages/bulletin/index',
  adminBulletins: '/packages/admin/pages/bulletins/index',
  bulletinEdit: '/packages/admin/pages/bulletin-edit/index',
  bulletinReach: '/packages/admin/pages/bulletin-reach/index',
  groups: '/packages/admin/pages/groups/index',
  groupLabel: '/packages/admin/pages/group-label/index',
  prizes: '/packages/account/pages/prizes/index',
  privacy: '/pages/privacy/index',
  scammed: '/pages/scammed/index',
  adminKnowledge: '/packages/admin/pages/knowledge/index',
  adminQuestions: '/packages/admin/pages/questions/index',
  adminPrizes: '/packages/admin/pages/prizes/index',
  redeem: '/packages/admin/pages/redeem/index',
  warnings: '/packages/worker/pages/warnings/index',
  warning: '/packages/worker/pages/warning/index',
  adminWarnings: '/packages/admin/pages/warnings/index',
  // Grid workers reach these two admin pages from 我的: they hold events too.
  activities: '/packages/admin/pages/activities/index',
  learnPosters: '/packages/admin/pages/learn-posters/index',
  residence: '/packages/account/pages/residence/index',
  join: '/packages/account/pages/join/index',
  myData: '/packages/account/pages/my-data/index',
  adminUsers: '/packages/admin/pages/users/index',
  adminUser: '/packages/admin/pages/user/index',
  adminInvitations: '/packages/admin/pages/invitations/index',
} as const

/** The login page, asked to come back to the page that sent the person there once they have signed in. */
export const LOGIN_AND_BACK = `${ROUTES.login}?back=1`

/**
 * Back to the page the person came from. A page opened on its own (a reload, a shared link, a scanned code) has
 * nothing behind it, where navigateBack would do nothing at all: go to the tab instead.
 */
export function goBackOr(tab: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: tab })
}
