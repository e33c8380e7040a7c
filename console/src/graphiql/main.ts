// The offline GraphiQL served at GET /graphql (not in production): every script, style and font comes
// from this server. Signed in to the console in this tab, its token goes into the headers of queries
// and mutations (HTTP) and into connection_init of subscriptions, which run over a WebSocket to the
// same /graphql (graphql-transport-ws, the protocol the API speaks).
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { GraphiQL } from 'graphiql'
import { createGraphiQLFetcher } from '@graphiql/toolkit'
import { createClient } from 'graphql-ws'
import 'graphiql/graphiql.css'
import { TOKEN_KEY } from '../lib/token'

const token = sessionStorage.getItem(TOKEN_KEY)
const wsClient = createClient({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
  lazy: true,
  // read at each connection: signing in again in another tab of the console takes effect
  connectionParams: () => {
    const current = sessionStorage.getItem(TOKEN_KEY)
    return current ? { Authorization: `Bearer ${current}` } : {}
  },
})
const fetcher = createGraphiQLFetcher({ url: `${location.origin}/graphql`, wsClient })

const root = document.getElementById('graphiql')!
root.textContent = ''
createRoot(root).render(
  createElement(GraphiQL, {
    fetcher,
    defaultHeaders: token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined,
    defaultQuery:
      '# orggraph:城市基层党建共建网络 GraphQL 接口\n' +
      '# 查询与变更走 HTTP;订阅(subscription)走同一地址的 WebSocket,需先在控制台登录\n{\n  cityStats {\n    streets\n    communities\n    memberUnits\n  }\n}\n',
  }),
)
