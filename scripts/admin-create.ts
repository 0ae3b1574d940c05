import { parseArgs } from 'node:util'
import QRCode from 'qrcode'
import { formatInvitationCode } from '#core/membership'
import { ConfigError, loadConfig } from '../server/src/config'
import { openDatabase } from '../server/src/db/database'
import { migrate, MigrationError } from '../server/src/db/migrator'
import { AppError } from '../server/src/errors'
import { createFirstAdminInvitation } from '../server/src/modules/invitations/first-admin'

/** `npm run admin:create -- --region 500116`: prints a one-use admin invitation, so that a fresh install can start. */
async function main() {
  const { values } = parseArgs({ options: { region: { type: 'string' }, hours: { type: 'string', default: '72' } } })
  if (!values.region) {
    console.error('用法: npm run admin:create -- --region <区县或镇街代码> [--hours 72]')
    process.exit(2)
  }
  const config = loadConfig()
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrate(database)
    const inv = await createFirstAdminInvitation(database, config, values.region, { hours: Number(values.hours) })
    console.log([
      `首位管理员邀请（${inv.regionName}，仅可使用一次，${inv.expiresAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} 前有效）`,
      `  邀请码: ${formatInvitationCode(inv.code)}（登录后在「我的 → 输入邀请码」填写）`,
      `  链接:   ${inv.url}`,
      '',
      await QRCode.toString(inv.url, { type: 'terminal', small: true }),
    ].join('\n'))
  } finally {
    await database.close()
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError || e instanceof MigrationError || e instanceof AppError ? e.message : e)
  process.exit(1)
})
