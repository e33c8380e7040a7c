// Live events over graphql-transport-ws (npm graphql-ws): one WebSocket per tab, to /graphql on this
// page's host (wss: under https:), the bearer token in connection_init's payload as the API asks:
// { Authorization: "Bearer <token>" }. Without a token nothing is opened (the subscriptions need one).
//
//   const stop = live(TaskChanged, {}, (data) => refresh())   // in onMounted; stop() in onUnmounted
//   liveState.value: 'off' | 'connecting' | 'on' | 'error'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print } from 'graphql'
import { createClient, type Client } from 'graphql-ws'
import { ref } from 'vue'
import { currentToken } from './auth'

export type LiveState = 'off' | 'connecting' | 'on' | 'error'

/** The socket's state, for the "实时" indicator. */
export const liveState = ref<LiveState>('off')

let client: Client | null = null
let clientToken: string | null = null
let users = 0

function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/graphql`
}

function open(token: string): Client {
  if (client && clientToken === token) return client
  client?.dispose()
  clientToken = token
  liveState.value = 'connecting'
  client = createClient({
    url: socketUrl(),
    connectionParams: () => ({ Authorization: `Bearer ${currentToken() ?? token}` }),
    lazy: true,
    retryAttempts: 5,
    on: {
      connecting: () => { liveState.value = 'connecting' },
      connected: () => { liveState.value = 'on' },
      closed: () => { if (users > 0) liveState.value = 'connecting' },
      error: () => { liveState.value = 'error' },
    },
  })
  return client
}

/** Subscribes while the caller wants it; returns the function that stops it. */
export function live<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  onData: (data: TResult) => void,
): () => void {
  const token = currentToken()
  if (!token) {
    liveState.value = 'off'
    return () => undefined
  }
  const socket = open(token)
  users += 1
  const stop = socket.subscribe<TResult>(
    { query: print(document), variables },
    {
      next: (result) => { if (result.data) onData(result.data as TResult) },
      error: () => { liveState.value = 'error' },
      complete: () => undefined,
    },
  )
  let stopped = false
  return () => {
    if (stopped) return
    stopped = true
    stop()
    users -= 1
    if (users <= 0) {
      users = 0
      client?.dispose()
      client = null
      clientToken = null
      liveState.value = 'off'
    }
  }
}
