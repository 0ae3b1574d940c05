import type { Static, TSchema } from 'typebox'

/**
 * One endpoint's shapes, written once: the server validates `params`, `query` and `body` and serialises the 200
 * answer with `response`; the client's `call` takes its input and answer types from the same schemas.
 */
export interface Endpoint {
  params?: TSchema
  query?: TSchema
  body?: TSchema
  response: TSchema
  /** The endpoint answers 204 with no body (its `response` is `NoContent`); the caller gets nothing back. */
  noContent?: true
}

/** Endpoints keyed `'METHOD /path/:param'`, exactly as the server registers the route. */
export type EndpointMap = Record<string, Endpoint>

type Part<E, P extends 'params' | 'query' | 'body'> = E extends { [Q in P]: infer S extends TSchema }
  ? { [Q in P]: Static<S> }
  : { [Q in P]?: never }

/** What a caller passes: the path parameters, query and body the endpoint declares, and nothing else. */
export type InputOf<E> = Part<E, 'params'> & Part<E, 'query'> & Part<E, 'body'>

/** The 200 answer, or nothing for an endpoint that answers 204. */
export type AnswerOf<E> = E extends { noContent: true } ? void : E extends { response: infer S extends TSchema } ? Static<S> : never
