import { Type } from 'typebox'
import type { Endpoint } from '#contract/endpoint'
import { endpoints, type EndpointKey, type Endpoints } from '#contract/endpoints'

/** The refusals and the security requirement that server routes share; request and answer shapes are in src/contract. */

export const ErrorResponse = Type.Object({
  code: Type.String({ description: '稳定的错误码，见 src/core/errors.ts' }),
  message: Type.String({ description: '给用户看的中文说明' }),
  details: Type.Optional(Type.Unknown()),
  requestId: Type.Optional(Type.String()),
}, { description: '错误' })

/** The refusals every signed-in route can give, to merge into a route's `response`. */
export const COMMON_ERRORS = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }

export const BEARER = [{ bearer: [] }]

type RouteSchemaOf<E, Errors> = (E extends { params: infer P } ? { params: P } : unknown)
  & (E extends { query: infer Q } ? { querystring: Q } : unknown)
  & (E extends { body: infer B } ? { body: B } : unknown)
  & { response: (E extends { noContent: true } ? { 204: E extends { response: infer R } ? R : never } : { 200: E extends { response: infer R } ? R : never }) & Errors }

/**
 * The validation and answer schemas of a route, taken from the contract so that server and client agree by
 * construction; the route adds its own tags, summary and any refusal beyond the common ones.
 */
export function contractSchema<K extends EndpointKey, Errors extends object = typeof COMMON_ERRORS>(
  key: K,
  errors: Errors = COMMON_ERRORS as Errors,
): RouteSchemaOf<Endpoints[K], Errors> {
  const endpoint: Endpoint = endpoints[key]
  return {
    ...(endpoint.params ? { params: endpoint.params } : {}),
    ...(endpoint.query ? { querystring: endpoint.query } : {}),
    ...(endpoint.body ? { body: endpoint.body } : {}),
    response: { [endpoint.noContent ? 204 : 200]: endpoint.response, ...errors },
  } as RouteSchemaOf<Endpoints[K], Errors>
}
