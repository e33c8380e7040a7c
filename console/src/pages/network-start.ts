// What the network page (共建网络, the console's first page) starts from: the streets with their
// communities and contact leaders. main.ts sends this query and loads ECharts as soon as the console
// opens on `/`, before the page's own chunk arrives (prefetch.ts); the page takes the answer.
import { graphql } from '../gql'
import { request } from '../lib/graphql'
import { prefetch } from '../lib/prefetch'

export const NETWORK_PREFETCH = 'network-streets'

export const StreetsQuery = graphql(`
  query NetworkStreets {
    streets {
      id
      name
      communities {
        id
        name
        contactLeaders { id name title }
      }
    }
  }
`)

/** Starts the first page's query and chart library; the router guard decides whether the page opens. */
export function startNetwork(): void {
  prefetch(NETWORK_PREFETCH, () => request(StreetsQuery))
  void import('../lib/echarts').then(({ loadCharts }) => loadCharts(['graph']))
}
