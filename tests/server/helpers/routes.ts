import type { App } from '../../../server/src/app'

export interface RouteRef {
  method: string
  /** In OpenAPI form: `/api/households/{id}`. */
  path: string
}

/**
 * Every /api route the server really registered (not what the docs claim), read from Fastify's route tree:
 * a line's segment continues the path of the line above it at one level less indentation.
 */
export function registeredApiRoutes(app: App): RouteRef[] {
  const stack: string[] = []
  const routes: RouteRef[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (!m) continue
    const depth = m[1].length / 4
    stack.length = depth
    stack.push(m[2])
    const path = stack.join('').replace(/:(\w+)/g, '{$1}')
    if (!m[3] || !path.startsWith('/api/') || path.startsWith('/api/docs')) continue
    for (const method of m[3].split(', ').filter((x) => x !== 'HEAD')) routes.push({ method: method.toLowerCase(), path })
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`))
}

export function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): RouteRef[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method, path })))
    .sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`))
}
