// The console's GraphQL client: fetch + a TypedDocumentNode from the generated `graphql()` (src/gql),
// so variables and results are typed from schema/orggraph.graphql.
//
//   const data = await request(CommunityQuery, { id })         // throws ApiError on any error
//   const result = await mutate(AddMember, vars)                 // { data } or { error } for forms
//
// The bearer token of the signed-in principal goes into every request; errors keep the API's
// extensions.code and extensions.field, so forms show a message under the field that was wrong.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print } from 'graphql'
import { currentToken, signOut } from './auth'

export interface GraphQLErrorBody {
  message: string
  path?: (string | number)[]
  extensions?: { code?: string; field?: string; [key: string]: unknown }
}

/** What went wrong with a request: the API's errors, with messages by field for forms. */
export class ApiError extends Error {
  readonly errors: GraphQLErrorBody[]
  readonly status: number

  constructor(errors: GraphQLErrorBody[], status = 200) {
    super(errors.map((e) => e.message).join(';') || `HTTP ${status}`)
    this.name = 'ApiError'
    this.errors = errors
    this.status = status
  }

  /** The first error's extensions.code (BAD_USER_INPUT, FORBIDDEN, CONFLICT, NOT_FOUND, ...). */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code
  }

  /** Messages by input field (extensions.field), the field's prefix ("seat: ") removed. */
  get byField(): Record<string, string> {
    return fieldErrors(this.errors)
  }

  /** Messages that name no field: shown above the form or as a notice. */
  get general(): string[] {
    return this.errors.filter((e) => !e.extensions?.field).map((e) => e.message)
  }
}

export function fieldErrors(errors: GraphQLErrorBody[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) {
    const field = e.extensions?.field
    if (!field) continue
    const prefix = `${field}: `
    const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message
    out[field] = out[field] ? `${out[field]};${message}` : message
  }
  return out
}

const printed = new WeakMap<object, string>()

function source(document: TypedDocumentNode<unknown, never>): string {
  let text = printed.get(document)
  if (text === undefined) {
    text = print(document)
    printed.set(document, text)
  }
  return text
}

/** Runs a query or mutation; resolves to `data`, throws ApiError when the answer carries errors. */
export async function request<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] | [TVariables] : [TVariables]
): Promise<TResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  const token = currentToken()
  if (token) headers.authorization = `Bearer ${token}`
  let response: Response
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: source(document as TypedDocumentNode<unknown, never>), variables: variables ?? {} }),
    })
  } catch (exc) {
    throw new ApiError([{ message: `无法连接服务器:${String(exc)}`, extensions: { code: 'NETWORK' } }], 0)
  }
  let body: { data?: TResult | null; errors?: GraphQLErrorBody[]; error?: GraphQLErrorBody } | null = null
  try {
    body = await response.json()
  } catch {
    body = null
  }
  if (response.status === 401) {
    // the token expired or is not accepted: back to the sign-in page
    signOut()
  }
  const errors = body?.errors ?? (body?.error ? [body.error] : [])
  if (errors.length || !response.ok || !body?.data) {
    throw new ApiError(errors.length ? errors : [{ message: `HTTP ${response.status}` }], response.status)
  }
  return body.data
}

/** For forms: a mutation's data, or its ApiError (not thrown) to show by field. */
export async function mutate<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<{ data: TResult; error?: undefined } | { data?: undefined; error: ApiError }> {
  try {
    const run = request as (d: TypedDocumentNode<TResult, TVariables>, v: TVariables) => Promise<TResult>
    return { data: await run(document, variables) }
  } catch (exc) {
    if (exc instanceof ApiError) return { error: exc }
    throw exc
  }
}
