// Every page of app.json, opened as one persona (or signed out) with the query it is reached with, fails its test
// on a throw, a console.error (fail-on-console-error.js) or an empty page.
const { MiniProgram, PERSONAS, signedInStorage } = require('./launch')
const { allRoutes } = require('./mini-program')
const { seededIds } = require('./fixtures')

const WORKER_PAGES = ['home', 'visit', 'pledge', 'pledge-view'].map((p) => `packages/worker/pages/${p}/index`)
const DISSUADER_PAGES = ['warnings', 'warning'].map((p) => `packages/worker/pages/${p}/index`)
const GRID_WORKER_ADMIN_PAGES = ['activities', 'activity-edit', 'learn-posters'].map((p) => `packages/admin/pages/${p}/index`)

/** Which pages a persona can reach from 我的 (src/pages/me/index.tsx); signed out, a page must still load. */
function reachable(personaId, route) {
  if (!route.startsWith('packages/')) return true
  if (!personaId) return true
  // 居住地, 邀请码, 我的数据 and 我的奖品 are for everyone signed in.
  if (route.startsWith('packages/account/')) return true
  if (WORKER_PAGES.includes(route)) return personaId === 'grid_worker'
  if (DISSUADER_PAGES.includes(route)) return personaId === 'dissuader'
  if (GRID_WORKER_ADMIN_PAGES.includes(route) && personaId === 'grid_worker') return true
  return personaId === 'police' || personaId === 'cadre'
}

function queryFor(route, ids) {
  if (route === 'pages/door/index') return `?token=${ids.doorToken}`
  if (route === 'pages/article/index') return '?type=rebate_task'
  if (route === 'pages/bulletin/index' || route === 'packages/admin/pages/bulletin-reach/index') return `?id=${ids.bulletinId}`
  if (['visit', 'pledge', 'pledge-view'].some((p) => route === `packages/worker/pages/${p}/index`)) return `?householdId=${ids.householdId}`
  if (route === 'packages/worker/pages/warning/index') return `?id=${ids.warningId}`
  return ''
}

/** Waits until no request is in flight for a few checks in a row: the page has what it asked for. */
async function settle(mp) {
  let quiet = 0
  const deadline = Date.now() + 10000
  while (quiet < 4 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 40))
    quiet = mp.inflight === 0 ? quiet + 1 : 0
  }
}

function describePages(personaId) {
  const who = personaId ? PERSONAS[personaId] : 'someone signed out'
  describe(`every page as ${who}`, () => {
    let mp
    let ids
    beforeAll(async () => {
      ids = await seededIds()
      mp = new MiniProgram({ storage: await signedInStorage(personaId) })
      await mp.launch({ path: 'pages/home/index' })
      await settle(mp)
    })
    afterAll(() => mp?.shutdown())

    for (const route of allRoutes().filter((r) => reachable(personaId, r))) {
      test(`when ${who} opens ${route}, then it renders without an error`, async () => {
        await mp.navigate('reLaunch', { url: `/${route}${queryFor(route, ids)}` })
        await settle(mp)
        expect(mp.page.route).toBe(route)
        expect(mp.page.text().trim()).not.toBe('')
      })
    }
  })
}

module.exports = { describePages, settle, reachable, queryFor }
