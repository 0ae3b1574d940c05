import { sql, type Insertable, type Transaction } from 'kysely'
import type { ActivityKind, TargetGroup } from '#core/activities'
import type { FraudTypeKey } from '#core/fraud-types'
import type { WarningEvent } from '#contract/warnings'
import { applyStep, contactDueAt, type RiskLevel, type WarningProgress, type WarningSourceKey, type WarningStep, type WarningTimeLimits } from '#core/warnings'
import type { FieldCipher } from '../crypto/field-cipher'
import type { ActivitiesTable, DB, VisitTasksTable, WarningEventsTable, WarningsTable } from '../db/schema'
import { DEMO_PERSONAS } from './demo-personas'
import { SeededRandom, seedOf } from './random'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/** The demo town: the police persona administers it and the dissuader persona handles its warnings. */
const demoTown = () => DEMO_PERSONAS.find((p) => p.id === 'police')?.roles.find((r) => r.role === 'admin')?.regionId
/** The demo grid worker's grid: the 无法联系 warning's door lands in that worker's patrol plan. */
const demoGrid = () => DEMO_PERSONAS.find((p) => p.id === 'grid_worker')?.roles[0]?.regionId

interface StepPlan {
  step: WarningStep
  /** Minutes after the warning was received. */
  after: number
  note: string
  lossAmount?: number
}

interface WarningPlan {
  receivedAgo: number
  risk: RiskLevel
  fraudType: FraudTypeKey
  source: WarningSourceKey
  amountAtRisk: number | null
  steps: StepPlan[]
  /** The door of the demo grid worker rather than any door of the town. */
  inDemoGrid?: boolean
}

const contact = (after: number, note = '已电话联系本人，正在劝阻'): StepPlan => ({ step: 'contact', after, note })

/** Twelve warnings of the last ten days, in every state; minutes are relative to the seed's `now`. */
const WARNING_PLANS: WarningPlan[] = [
  { receivedAgo: 4, risk: 'high', fraudType: 'fake_police', source: 'instruction', amountAtRisk: 50_000, steps: [] },
  { receivedAgo: 25, risk: 'high', fraudType: 'fake_investment', source: 'bank', amountAtRisk: 120_000, steps: [] },
  { receivedAgo: 55, risk: 'medium', fraudType: 'rebate_task', source: 'operator', amountAtRisk: null, steps: [] },
  { receivedAgo: 3 * 60, risk: 'low', fraudType: 'fake_credit', source: 'instruction', amountAtRisk: null, steps: [] },
  { receivedAgo: 20 * 60, risk: 'medium', fraudType: 'romance', source: 'instruction', amountAtRisk: 30_000, steps: [contact(12)] },
  {
    receivedAgo: 2 * 24 * 60, risk: 'high', fraudType: 'fake_investment', source: 'bank', amountAtRisk: 200_000,
    steps: [contact(6), { step: 'dissuaded', after: 130, note: '与银行网点共同劝阻两小时，本人已认识到被骗，停止转账' }],
  },
  {
    receivedAgo: 3 * 24 * 60, risk: 'high', fraudType: 'fake_police', source: 'instruction', amountAtRisk: null,
    steps: [contact(8), { step: 'defrauded', after: 40, note: '联系时已按对方要求转账，已指导报警并冻结账户', lossAmount: 36_000 }],
  },
  {
    receivedAgo: 4 * 24 * 60, risk: 'medium', fraudType: 'rebate_task', source: 'operator', amountAtRisk: 8_000,
    steps: [contact(20), { step: 'dissuaded', after: 45, note: '上门劝阻，已卸载刷单APP' }, { step: 'return_visit', after: 3 * 24 * 60, note: '回访：未再参与刷单，家人已知情' }],
  },
  {
    receivedAgo: 5 * 24 * 60, risk: 'medium', fraudType: 'fake_customer_service', source: 'instruction', amountAtRisk: null, inDemoGrid: true,
    steps: [{ step: 'unreachable', after: 28, note: '电话三次无人接听，已转网格员上门核实' }],
  },
  {
    receivedAgo: 6 * 24 * 60, risk: 'low', fraudType: 'fake_loan', source: 'report', amountAtRisk: 5_000,
    steps: [contact(26 * 60, '超时后联系上本人'), { step: 'dissuaded', after: 26 * 60 + 30, note: '讲解“先交费再放贷”骗局，本人放弃贷款' }],
  },
  {
    receivedAgo: 7 * 24 * 60, risk: 'low', fraudType: 'other', source: 'patrol', amountAtRisk: null,
    steps: [contact(90), { step: 'false_alarm', after: 100, note: '核实为正常网购退款，非诈骗' }],
  },
  {
    receivedAgo: 9 * 24 * 60, risk: 'high', fraudType: 'ai_face_voice', source: 'instruction', amountAtRisk: 15_000,
    steps: [contact(9), { step: 'dissuaded', after: 35, note: '视频中的“儿子”为AI换脸，已与儿子本人核实' }],
  },
]

interface ActivityPlan {
  daysAgo: number
  /** Held in this village of the town; town-wide otherwise. */
  village?: string
  kind: ActivityKind
  title: string
  place: string
  organiser: string
  attendance: number
  targetGroups: TargetGroup[]
  materials: number
  summary: string
}

/** Eight outreach events of the last month in the demo town, no photos. */
const ACTIVITY_PLANS: ActivityPlan[] = [
  { daysAgo: 1, village: '东胜村', kind: 'courtyard_meeting', title: '东胜村院坝会：守好养老钱', place: '东胜村3组院坝', organiser: '东胜村村委会', attendance: 46, targetGroups: ['老年人'], materials: 60, summary: '讲解以养老为名的骗局，现场帮12位老人安装国家反诈中心APP。' },
  { daysAgo: 3, kind: 'market_day', title: '柏林场镇赶集日反诈宣传', place: '柏林场镇农贸市场', organiser: '柏林派出所', attendance: 210, targetGroups: ['老年人', '个体商户', '农民工'], materials: 500, summary: '设咨询台，发放宣传折页和折扇，讲解冒充客服退款骗局。' },
  { daysAgo: 5, kind: 'school', title: '柏林中学“反诈第一课”', place: '柏林中学礼堂', organiser: '柏林派出所', attendance: 320, targetGroups: ['学生'], materials: 350, summary: '讲解游戏账号交易、刷单返利骗局，布置“带回家讲给父母听”作业。' },
  { daysAgo: 8, village: '柏林社区', kind: 'community', title: '柏林社区新市民反诈讲座', place: '柏林社区党群服务中心', organiser: '柏林社区居委会', attendance: 58, targetGroups: ['新市民', '宝妈'], materials: 80, summary: '讲解虚假网络贷款、刷单返利，演示开启来电预警。' },
  { daysAgo: 12, kind: 'enterprise', title: '走进柏林食品厂', place: '柏林食品厂职工食堂', organiser: '柏林派出所', attendance: 95, targetGroups: ['企业职工'], materials: 120, summary: '讲解冒充领导熟人、虚假投资理财骗局，财务人员单独讲解转账核验。' },
  { daysAgo: 16, kind: 'training', title: '网格员劝阻技巧培训', place: '柏林镇政府会议室', organiser: '柏林镇综治办', attendance: 32, targetGroups: ['其他'], materials: 40, summary: '培训预警劝阻话术、上门核实流程和承诺书签署要求。' },
  { daysAgo: 20, village: '华盖村', kind: 'courtyard_meeting', title: '华盖村院坝会：识破AI换脸', place: '华盖村便民服务中心坝子', organiser: '华盖村村委会', attendance: 64, targetGroups: ['老年人', '宝妈'], materials: 90, summary: '播放AI换脸诈骗案例视频，提醒视频借钱先打电话核实。' },
  { daysAgo: 26, kind: 'market_day', title: '赶大集“防骗口诀”有奖问答', place: '柏林场镇农贸市场', organiser: '柏林派出所', attendance: 150, targetGroups: ['老年人', '农民工', '个体商户'], materials: 300, summary: '有奖问答“不听不信不转账”，现场扫码参加每日答题。' },
]

export interface DemoWarningsActivitiesSummary {
  warnings: number
  activities: number
}

interface Household {
  id: string
  region_id: string
  head_name: string
  address: string
}

export interface DemoWarningsOptions {
  /** The cipher households' phones use: a warning's phone is stored the same way. */
  phoneCipher: FieldCipher
  limits: WarningTimeLimits
  now: Date
}

/**
 * The demo town's warnings (with their event logs and the door-visit task a 无法联系 one makes) and its activities.
 * Runs inside the caller's transaction; each part is written only while the town has none, so running it again on
 * the next demo start adds nothing. Skipped when the demo personas or their town are missing (partial seeds).
 */
export async function seedDemoWarningsActivities(trx: Transaction<DB>, opts: DemoWarningsOptions): Promise<DemoWarningsActivitiesSummary> {
  const townId = demoTown()
  const town = townId ? await trx.selectFrom('regions').select(['id', 'path', 'county_id']).where('id', '=', townId).executeTakeFirst() : undefined
  const users = await trx.selectFrom('users').select(['id', 'demo_persona']).where('demo_persona', 'in', ['police', 'dissuader', 'cadre']).execute()
  const userOf = (persona: string) => users.find((u) => u.demo_persona === persona)?.id
  const [police, dissuader] = [userOf('police'), userOf('dissuader')]
  if (!town || !police || !dissuader) return { warnings: 0, activities: 0 }

  // Two servers starting together must not both find the town empty.
  await sql`LOCK TABLE warnings, activities IN SHARE ROW EXCLUSIVE MODE`.execute(trx)
  const inTown = trx.selectFrom('regions').select('id').where('path', 'like', `${town.path}%`)
  const hasWarnings = await trx.selectFrom('warnings').select('id').where('region_id', 'in', inTown).limit(1).executeTakeFirst()
  const hasActivities = await trx.selectFrom('activities').select('id').where('region_id', 'in', inTown).limit(1).executeTakeFirst()

  let warnings = 0
  if (!hasWarnings) {
    const doors = trx.selectFrom('households').select(['id', 'region_id', 'head_name', 'address']).orderBy('code')
    const households = await doors.where('region_id', 'in', inTown).limit(200).execute()
    const gridDoor = await doors.where('region_id', '=', demoGrid() ?? '').limit(1).executeTakeFirst()
    const rows = demoWarningRows({ ...opts, countyId: town.county_id, households, gridDoor, createdBy: police, assignee: dissuader })
    if (rows.warnings.length > 0) {
      await trx.insertInto('warnings').values(rows.warnings).execute()
      await trx.insertInto('warning_events').values(rows.events).execute()
      if (rows.tasks.length > 0) await trx.insertInto('visit_tasks').values(rows.tasks).execute()
    }
    warnings = rows.warnings.length
  }

  let activities = 0
  if (!hasActivities) {
    const villages = await trx.selectFrom('regions').select(['id', 'name']).where('parent_id', '=', town.id).execute()
    const regionOf = (name: string | undefined) => villages.find((v) => v.name === name)?.id ?? town.id
    const rows = demoActivityRows(regionOf, town.county_id, police, opts.now)
    await trx.insertInto('activities').values(rows).execute()
    activities = rows.length
  }
  return { warnings, activities }
}

interface WarningRowsInput extends DemoWarningsOptions {
  countyId: string
  households: readonly Household[]
  gridDoor: Household | undefined
  createdBy: string
  assignee: string
}

interface DemoWarningRows {
  warnings: Insertable<WarningsTable>[]
  events: Insertable<WarningEventsTable>[]
  tasks: Insertable<VisitTasksTable>[]
}

/** Every plan replayed through the core's state machine, so that the demo never shows a history the app would refuse. */
function demoWarningRows(input: WarningRowsInput): DemoWarningRows {
  const random = new SeededRandom(seedOf('warnings/demo'))
  const { gridDoor } = input
  const otherDoors = input.households.filter((h) => h.id !== gridDoor?.id)
  const rows: DemoWarningRows = { warnings: [], events: [], tasks: [] }
  if (!gridDoor || otherDoors.length === 0) return rows
  WARNING_PLANS.forEach((plan, i) => {
    const id = random.uuid()
    const door = plan.inDemoGrid ? gridDoor : otherDoors[(i * 7) % otherDoors.length]
    const phone = random.pick(['13', '15', '18']) + random.digits(9)
    const receivedAt = new Date(input.now.getTime() - plan.receivedAgo * MINUTE_MS)
    const at = (minutes: number) => new Date(receivedAt.getTime() + minutes * MINUTE_MS)
    const event = (kind: WarningEvent['kind'], when: Date, actor: string, note: string, from: string | null, to: string | null, loss: number | null = null) =>
      rows.events.push({ warning_id: id, kind, from_state: from, to_state: to, actor_id: actor, note, loss_amount: loss, at: when })

    event('created', at(1), input.createdBy, '', null, 'pending')
    event('assigned', at(1), input.createdBy, '按辖区自动分派', null, null)
    let progress: WarningProgress = { state: 'pending', firstContactAt: null, closedAt: null, lossAmount: null }
    for (const s of plan.steps) {
      const result = applyStep(progress, { step: s.step, note: s.note, lossAmount: s.lossAmount ?? null }, at(s.after))
      if (!result.ok) throw new Error(`演示预警不符合处置规则：${plan.fraudType} ${s.step} → ${result.code}`)
      event(s.step, at(s.after), input.assignee, s.note, progress.state, result.next.state, s.lossAmount ?? null)
      progress = result.next
    }
    rows.warnings.push({
      id, county_id: input.countyId, region_id: door.region_id, household_id: door.id, resident_name: door.head_name,
      phone_enc: input.phoneCipher.encrypt(phone), phone_last4: phone.slice(-4), address: door.address,
      fraud_type: plan.fraudType, risk_level: plan.risk, source: plan.source, amount_at_risk: plan.amountAtRisk,
      received_at: receivedAt, contact_due_at: contactDueAt(receivedAt, plan.risk, input.limits), assignee_id: input.assignee,
      state: progress.state, first_contact_at: progress.firstContactAt, closed_at: progress.closedAt, loss_amount: progress.lossAmount,
      version: 1 + plan.steps.length, created_by: input.createdBy, created_at: receivedAt,
    })
    // What the warnings module does on 无法联系: a door for the household's grid worker to knock on.
    if (progress.state === 'unreachable') {
      rows.tasks.push({
        county_id: input.countyId, region_id: door.region_id, household_id: door.id, warning_id: id, reason: 'warning_unreachable',
        address: door.address, created_at: progress.firstContactAt ?? receivedAt,
      })
    }
  })
  return rows
}

function demoActivityRows(regionOf: (village?: string) => string, countyId: string, createdBy: string, now: Date): Insertable<ActivitiesTable>[] {
  return ACTIVITY_PLANS.map((plan) => {
    // Held at 09:30 Beijing time on its day.
    const day = Math.floor((now.getTime() + 8 * HOUR_MS) / DAY_MS) - plan.daysAgo
    const heldAt = new Date(day * DAY_MS + 90 * MINUTE_MS)
    return {
      county_id: countyId, region_id: regionOf(plan.village), kind: plan.kind, title: plan.title, place: plan.place, held_at: heldAt,
      organiser: plan.organiser, attendance: plan.attendance, target_groups: plan.targetGroups, materials: plan.materials,
      summary: plan.summary, created_by: createdBy, created_at: heldAt, updated_at: heldAt,
    }
  })
}
