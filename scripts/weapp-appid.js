// The WeChat appid is a deployment setting, not source: after `taro build --type weapp`, write WECHAT_APPID
// (default touristappid, which DevTools accepts for local preview) into dist/weapp/project.config.json.
const fs = require('node:fs')
const path = require('node:path')

const file = path.join(__dirname, '..', 'dist', 'weapp', 'project.config.json')
const appid = process.env.WECHAT_APPID || 'touristappid'
const config = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { miniprogramRoot: './' }
config.appid = appid
fs.writeFileSync(file, JSON.stringify(config, null, 2) + '\n')
console.log(`dist/weapp/project.config.json: appid ${appid}`)
