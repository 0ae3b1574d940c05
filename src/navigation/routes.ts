/**
 * Every page of the app, in one table: app.config.ts builds its page list and subpackages from it, and pages link to
 * each other through ROUTES, so a moved page breaks loudly. Taro reads app.config.ts at build time, in Node: this file
 * must import nothing.
 */

/** The main package a resident loads first; the first page is the start page. */
const MAIN_PAGES = {
  home: 'pages/home/index',
  learn: 'pages/learn/index',
  article: 'pages/article/index',
  quiz: 'pages/quiz/index',
  me: 'pages/me/index',
  login: 'pages/login/index',
  door: 'pages/door/index',
  bulletins: 'pages/bulletins/index',
  bulletin: 'pages/bulletin/index',
  privacy: 'pages/privacy/index',
  scammed: 'pages/scammed/index',
} as const

/** Pages loaded on first use, by subpackage, so a resident's first download stays small. */
const SUBPACKAGE_PAGES = {
  // Used once or rarely (where I live, an invitation, my data, my prizes).
  account: {
    residence: 'pages/residence/index',
    join: 'pages/join/index',
    myData: 'pages/my-data/index',
    prizes: 'pages/prizes/index',
  },
  worker: {
    workerHome: 'pages/home/index',
    visit: 'pages/visit/index',
    pledge: 'pages/pledge/index',
    pledgeView: 'pages/pledge-view/index',
    warnings: 'pages/warnings/index',
    warning: 'pages/warning/index',
  },
  admin: {
    adminHome: 'pages/home/index',
    coverage: 'pages/coverage-report/index',
    households: 'pages/households/index',
    labels: 'pages/labels/index',
    adminBulletins: 'pages/bulletins/index',
    bulletinEdit: 'pages/bulletin-edit/index',
    bulletinReach: 'pages/bulletin-reach/index',
    groups: 'pages/groups/index',
    groupLabel: 'pages/group-label/index',
    adminKnowledge: 'pages/knowledge/index',
    // Grid workers reach 宣传活动 and 扫码学习海报 from 我的 too: they hold events as well.
    learnPosters: 'pages/learn-posters/index',
    adminQuestions: 'pages/questions/index',
    adminPrizes: 'pages/prizes/index',
    redeem: 'pages/redeem/index',
    activities: 'pages/activities/index',
    activityEdit: 'pages/activity-edit/index',
    reports: 'pages/reports/index',
    adminWarnings: 'pages/warnings/index',
    adminUsers: 'pages/users/index',
    adminUser: 'pages/user/index',
    adminInvitations: 'pages/invitations/index',
  },
} as const

type SubpackageName = keyof typeof SUBPACKAGE_PAGES
type PageName = keyof typeof MAIN_PAGES | { [P in SubpackageName]: keyof (typeof SUBPACKAGE_PAGES)[P] }[SubpackageName]

const subpackageRoot = (name: SubpackageName) => `packages/${name}`

/** app.config.ts's `pages`. */
export const APP_PAGES: string[] = Object.values(MAIN_PAGES)

/** app.config.ts's `subPackages`. */
export const APP_SUBPACKAGES: { root: string; pages: string[] }[] = Object.entries(SUBPACKAGE_PAGES).map(([name, pages]) => ({
  root: subpackageRoot(name as SubpackageName),
  pages: Object.values(pages),
}))

/** The URL of every page, by name. */
export const ROUTES = Object.fromEntries([
  ...Object.entries(MAIN_PAGES).map(([name, path]) => [name, `/${path}`]),
  ...Object.entries(SUBPACKAGE_PAGES).flatMap(([subpackage, pages]) =>
    Object.entries(pages).map(([name, path]) => [name, `/${subpackageRoot(subpackage as SubpackageName)}/${path}`]),
  ),
]) as Record<PageName, string>

/** The login page, asked to come back to the page that sent the person there once they have signed in. */
export const LOGIN_AND_BACK = `${ROUTES.login}?back=1`
