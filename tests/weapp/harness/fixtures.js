// Real ids from the seeded test server, fetched the way the app's own screens would fetch them, so that pages
// which need a query (a bulletin, a household, a warning, a door label) open on data that exists.
const { api, demoToken } = require('./launch')

const GRID_1 = '500116115200-01' // 东胜村第1网格, 张网格's grid (server/src/seed/demo-personas.ts)

async function seededIds() {
  const [police, worker, dissuader] = await Promise.all(['police', 'grid_worker', 'dissuader'].map(demoToken))
  const [bulletins, patrol, warnings, sheet] = await Promise.all([
    api(null, 'GET', '/api/public/bulletins'),
    api(worker, 'GET', '/api/patrol/today'),
    api(dissuader, 'GET', '/api/warnings/mine'),
    api(police, 'GET', `/api/labels/sheet?gridId=${GRID_1}`),
  ])
  const label = sheet.labels[0]
  return {
    bulletinId: bulletins.items[0].id,
    householdId: patrol.items[0].household.id,
    warningId: warnings[0].id,
    doorToken: new URL(label.url).pathname.split('/').pop(),
    doorUrl: label.url,
    doorHouseholdId: label.householdId,
    doorHouseholdCode: label.householdCode,
  }
}

module.exports = { GRID_1, seededIds }
