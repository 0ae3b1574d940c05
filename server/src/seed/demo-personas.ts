import type { Role } from '#core/roles'

/**
 * The one-tap logins of AUTH_MODE=demo. The seed creates a user per persona (users.demo_persona = id)
 * with these roles; the demo login route lists and signs in exactly these users.
 */
export interface DemoPersonaSpec {
  id: string
  label: string
  displayName: string
  description: string
  roles: { role: Role; regionId: string }[]
}

const BAILIN_TOWN = '500116115'
const DONGSHENG_VILLAGE = '500116115200'
/** The first generated grid of 东胜村 (see demo-seed.ts: grid ids are `<village>-NN`). */
const DONGSHENG_GRID_1 = `${DONGSHENG_VILLAGE}-01`

export const DEMO_PERSONAS: DemoPersonaSpec[] = [
  { id: 'police', label: '派出所民警', displayName: '李警官', description: '柏林派出所 · 管理柏林镇全部数据', roles: [{ role: 'admin', regionId: BAILIN_TOWN }] },
  { id: 'cadre', label: '村干部', displayName: '王书记', description: '东胜村 · 转发通报、查看本村覆盖', roles: [{ role: 'cadre', regionId: DONGSHENG_VILLAGE }] },
  { id: 'grid_worker', label: '网格员', displayName: '张网格', description: '东胜村第1网格 · 扫码入户、签承诺书', roles: [{ role: 'grid_worker', regionId: DONGSHENG_GRID_1 }] },
  { id: 'dissuader', label: '劝阻员', displayName: '陈劝阻', description: '柏林镇 · 处置预警劝阻指令', roles: [{ role: 'dissuader', regionId: BAILIN_TOWN }] },
  { id: 'resident', label: '居民', displayName: '刘大爷', description: '东胜村居民 · 看通报、学防骗、每日答题', roles: [{ role: 'resident', regionId: DONGSHENG_VILLAGE }] },
]
