import { ConfigError, loadConfig } from '../../server/src/config'

const SECRET = 'x'.repeat(32)
const WECHAT_ENV = { AUTH_MODE: 'wechat', SESSION_SECRET: SECRET, QR_SECRET: SECRET, WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'real-secret' }

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env)
  } catch (e) {
    if (e instanceof ConfigError) return e
    throw e
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`)
}

describe('loadConfig', () => {
  it('when the environment is empty, then the local demo runs on PGlite in ./data on port 3000', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: null,
      dataDir: './data',
      publicBaseUrl: 'http://localhost:3000',
      authMode: 'demo',
      seedDemo: true,
      logLevel: 'info',
      wechatApiBase: 'https://api.weixin.qq.com',
      h5Dir: 'dist/h5',
    })
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32)
  })

  it('when the values are good, then they are taken as given', () => {
    const config = loadConfig({ ...WECHAT_ENV, PORT: '8080', DATABASE_URL: 'postgres://u@db:5432/xf', PUBLIC_BASE_URL: 'https://xf.example.cn/', LOG_LEVEL: 'warn' })
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@db:5432/xf', publicBaseUrl: 'https://xf.example.cn', authMode: 'wechat', seedDemo: false, logLevel: 'warn', wechatAppId: 'wx1234567890abcdef' })
  })

  it.each(['abc', '70000', '-1', '80.5'])('when PORT is "%s", then start-up is refused naming PORT', (port) => {
    const e = refusal({ PORT: port })
    expect(e.variable).toBe('PORT')
    expect(e.message).toContain('PORT')
  })

  it('when DATABASE_URL is not a PostgreSQL URL, then it is named', () => {
    const e = refusal({ DATABASE_URL: 'mysql://x' })
    expect(e.variable).toBe('DATABASE_URL')
    expect(e.message).toContain('DATABASE_URL')
  })

  it('when AUTH_MODE=wechat has no SESSION_SECRET, then SESSION_SECRET is named', () => {
    const { SESSION_SECRET: _omitted, ...env } = WECHAT_ENV
    expect(refusal(env).variable).toBe('SESSION_SECRET')
  })

  it('when AUTH_MODE=wechat has no WECHAT_APPID, then WECHAT_APPID is named', () => {
    const { WECHAT_APPID: _omitted, ...env } = WECHAT_ENV
    const e = refusal(env)
    expect(e.variable).toBe('WECHAT_APPID')
    expect(e.message).toContain('WECHAT_APPID')
  })

  it('when AUTH_MODE=wechat has no WECHAT_SECRET, then WECHAT_SECRET is named', () => {
    const { WECHAT_SECRET: _omitted, ...env } = WECHAT_ENV
    expect(refusal(env).variable).toBe('WECHAT_SECRET')
  })

  it('when SESSION_SECRET is shorter than 32 characters, then it is refused even in demo mode', () => {
    expect(refusal({ SESSION_SECRET: 'short-secret' }).variable).toBe('SESSION_SECRET')
    expect(refusal({ ...WECHAT_ENV, SESSION_SECRET: 'short-secret' }).variable).toBe('SESSION_SECRET')
  })

  it('when PUBLIC_BASE_URL is not a URL, then it is named', () => {
    const e = refusal({ PUBLIC_BASE_URL: 'xf.example.cn' })
    expect(e.variable).toBe('PUBLIC_BASE_URL')
    expect(e.message).toContain('PUBLIC_BASE_URL')
  })

  it.each([
    ['AUTH_MODE', 'prod'],
    ['SEED_DEMO', 'yes'],
    ['LOG_LEVEL', 'verbose'],
  ])('when %s is "%s", then it is named with the values it accepts', (name, value) => {
    const e = refusal({ [name]: value })
    expect(e.variable).toBe(name)
    expect(e.message).toContain(value)
  })

  it('when a rate limit is not written as requests/seconds, then its variable is named', () => {
    expect(() => loadConfig({ RATE_LIMIT_SIGNIN_PER_ADDRESS: '30 per minute' })).toThrow(/RATE_LIMIT_SIGNIN_PER_ADDRESS/)
    expect(loadConfig({ RATE_LIMIT_SIGNIN_PER_ADDRESS: '5/10' }).rateLimits.signInPerAddress).toEqual({ max: 5, windowSeconds: 10 })
  })

  it('when WORKERS asks for several processes on PGlite, then WORKERS is named and PostgreSQL suggested', () => {
    const e = refusal({ WORKERS: '2' })
    expect(e.variable).toBe('WORKERS')
    expect(e.message).toContain('DATABASE_URL')
    expect(loadConfig({ WORKERS: '4', DATABASE_URL: 'postgres://db/xf' }).workers).toBe(4)
    expect(loadConfig({}).workers).toBe(1)
  })

  it('when METRICS_TOKEN is unset, then metrics are off; when it is shorter than 32 characters, then it is refused', () => {
    expect(loadConfig({}).metricsToken).toBeNull()
    expect(refusal({ METRICS_TOKEN: 'short' }).variable).toBe('METRICS_TOKEN')
    expect(loadConfig({ METRICS_TOKEN: SECRET }).metricsToken).toBe(SECRET)
  })
})
