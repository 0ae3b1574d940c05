import type { Insertable, Kysely } from 'kysely'
import {
  type BulletinCase, type BulletinInput, bulletinTitleFor, checkBulletinInput, chinaDateOf, defaultBulletinInput, STANDARD_ADVICE, STANDARD_WARNINGS,
} from '#core/bulletins'
import type { BulletinsTable, BulletinVersionsTable, DB, UsersTable } from '../db/schema'
import { DEMO_PERSONAS } from './demo-personas'
import { SeededRandom, seedOf } from './random'

const DAY_MS = 24 * 3600_000
const MINUTE_MS = 60_000

/** Yesterday's cases in 柏林镇 as the station would write them: no names, a town-level victim profile. */
const DEMO_CASES: BulletinCase[] = [
  {
    fraudType: 'fake_investment',
    victimProfile: '柏林镇某村 52岁 男性 个体经营者',
    lossYuan: 186000,
    method: '受害人在短视频平台结识自称“投资导师”的网友，被拉入“股票交流群”，按指引下载了一款虚假证券APP。初期小额投资获利并成功提现，随后在“导师”诱导下加大投入，先后 9 次向对方提供的银行账户转账，平台显示盈利却无法提现，方知被骗。',
    warning: STANDARD_WARNINGS.fake_investment,
  },
  {
    fraudType: 'rebate_task',
    victimProfile: '柏林社区 23岁 女性 在校学生',
    lossYuan: 8650,
    method: '受害人在QQ群看到“点赞关注、日结佣金”的兼职信息，添加对方好友后进入“任务群”。完成几单点赞任务获得小额佣金后，被以“充值做联单任务、返利更高”为由诱导转账 4 笔，对方随后称其“操作失误、账户冻结”，要求继续充值解冻，受害人察觉被骗后报警。',
    warning: STANDARD_WARNINGS.rebate_task,
  },
  {
    fraudType: 'fake_customer_service',
    victimProfile: '柏林镇某村 67岁 女性 退休人员',
    lossYuan: 0,
    method: '受害人接到自称“电商平台客服”的电话，称其购买的保健品存在质量问题可退款理赔，要求其下载会议软件并共享屏幕。网格员接到反诈中心预警后立即上门，当面劝阻，受害人未转账，未造成损失。',
    warning: STANDARD_WARNINGS.fake_customer_service,
  },
]

/** Today's draft, being written: the station has typed its one case so far. */
const DRAFT_CASE: BulletinCase = {
  fraudType: 'fake_police',
  victimProfile: '柏林镇某村 71岁 男性 务农',
  lossYuan: 0,
  method: '受害人接到自称“公安局”的来电，称其名下银行卡涉嫌洗钱，要求将存款转入“安全账户”配合调查。其子女发现后立即报警，民警上门劝阻，未造成损失。',
  warning: STANDARD_WARNINGS.fake_police,
}

export interface DemoBulletinRows {
  bulletins: Insertable<BulletinsTable>[]
  versions: Insertable<BulletinVersionsTable>[]
}

/**
 * The demo bulletins of a town: yesterday's, published this morning half an hour before `now`, and today's
 * draft started from the template, its one case written so far. Same arguments, same rows (ids included).
 */
export function demoBulletinRows(townId: string, countyId: string, authorId: string, now: Date): DemoBulletinRows {
  const random = new SeededRandom(seedOf(`bulletins/${townId}`))
  const yesterday = chinaDateOf(new Date(now.getTime() - DAY_MS))
  const today = chinaDateOf(now)
  const published: BulletinInput = { regionId: townId, bulletinDate: yesterday, title: bulletinTitleFor(yesterday), cases: DEMO_CASES, advice: STANDARD_ADVICE }
  const draft: BulletinInput = { ...defaultBulletinInput(townId, now), bulletinDate: today, title: bulletinTitleFor(today), cases: [DRAFT_CASE] }
  const plans = [
    { input: published, createdAt: new Date(now.getTime() - 90 * MINUTE_MS), publishedAt: new Date(now.getTime() - 30 * MINUTE_MS) },
    { input: draft, createdAt: new Date(now.getTime() - 10 * MINUTE_MS), publishedAt: null },
  ]
  const rows: DemoBulletinRows = { bulletins: [], versions: [] }
  for (const plan of plans) {
    const problems = checkBulletinInput(plan.input, now)
    if (problems.length > 0) throw new Error(`演示通报不符合要求：${problems.map((p) => p.message).join('；')}`)
    const id = random.uuid()
    rows.bulletins.push({
      id, county_id: countyId, region_id: townId, bulletin_date: plan.input.bulletinDate, current_version: 1, published_at: plan.publishedAt,
      created_by: authorId, created_at: plan.createdAt, updated_at: plan.publishedAt ?? plan.createdAt,
    })
    rows.versions.push({
      bulletin_id: id, version: 1, title: plan.input.title, cases: JSON.stringify(plan.input.cases), advice: plan.input.advice,
      edited_by: authorId, edited_at: plan.createdAt,
    })
  }
  return rows
}

/**
 * Writes the demo admin's bulletins once the users exist (inside the seed's transaction). Skipped when the
 * demo admin or its town was left out, as in a partial seed for benchmarks.
 */
export async function seedDemoBulletins(db: Kysely<DB>, users: readonly Insertable<UsersTable>[], now: Date): Promise<number> {
  const persona = DEMO_PERSONAS.find((p) => p.id === 'police')
  const townId = persona?.roles.find((r) => r.role === 'admin')?.regionId
  const author = users.find((u) => u.demo_persona === 'police')
  if (!townId || !author?.id) return 0
  const town = await db.selectFrom('regions').select('county_id').where('id', '=', townId).executeTakeFirst()
  if (!town) return 0
  const rows = demoBulletinRows(townId, town.county_id, author.id, now)
  await db.insertInto('bulletins').values(rows.bulletins).execute()
  await db.insertInto('bulletin_versions').values(rows.versions).execute()
  return rows.bulletins.length
}
