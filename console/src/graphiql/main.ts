// The offline GraphiQL served at GET /graphql (not in production): every script, style and font comes
// from this server. Signed in to the console in this tab, its token goes into the headers.
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { GraphiQL } from 'graphiql'
import { createGraphiQLFetcher } from '@graphiql/toolkit'
import 'graphiql/graphiql.css'
import { TOKEN_KEY } from '../lib/token'

const token = sessionStorage.getItem(TOKEN_KEY)
const fetcher = createGraphiQLFetcher({ url: `${location.origin}/graphql` })

const root = document.getElementById('graphiql')!
root.textContent = ''
createRoot(root).render(
  createElement(GraphiQL, {
    fetcher,
    defaultHeaders: token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined,
    defaultQuery: '# orggraph:城市基层党建共建网络 GraphQL 接口\n{\n  cityStats {\n    streets\n    communities\n    memberUnits\n  }\n}\n',
  }),
)
