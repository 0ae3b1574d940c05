// Real ids from the seeded test server, fetched the way the app's own screens would fetch them, so that pages
// which need a query (a bulletin, a household, a warning, a door label) open on data that exists.
const { api, demoToken } = require('./launch')

const GRID_1 = '500116115200-01' // 东胜村第1网格, 张网格's grid (server/src/seed/demo-personas.ts)

async function seededIds() {
  const [police, worker, dissuader] = await Promise.all(['police', 'grid_worker', 'dissuader'].map(demoToken))
  const [bulletins, grid, warnings, sheet] = await Promise.all([
    api(null, 'GET', '/api/public/bulletins'),
    api(worker, 'GET', `/api/households?regionId=${GRID_1}&q=&page=1&pageSize=20`),
    api(dissuader, 'GET', '/api/warnings/mine'),
    api(police, 'GET', `/api/labels/sheet?gridId=${GRID_1}`),
  ])
  const label = sheet.labels[0]
  return {
    bulletinId: bulletins.items[0].id,
    householdId: grid.items[0].id,
    /**
     * The first page of 张网格's grid as the worker home lists it. Tests that change a household take their own
     * index (pledge 0, offline 5 and 6, …) so that test files can run side by side.
     */
    gridHouseholds: grid.items,
    warningId: warnings[0].id,
    doorToken: new URL(label.url).pathname.split('/').pop(),
    doorUrl: label.url,
    doorHouseholdId: label.householdId,
    doorHouseholdCode: label.householdCode,
  }
}

module.exports = { GRID_1, seededIds }
