// What the network page (共建网络, the console's first page) starts from: the streets with their
// communities and contact leaders. main.ts sends this query and loads ECharts as soon as the console
// opens on `/`, before the page's own chunk arrives (prefetch.ts); the page takes the answer when it is
// for the city the page chose (the URL's ?city=, or none: the graph's only city; see lib/places.ts).
import { graphql } from '../gql'
import { request } from '../lib/graphql'
import { prefetchCities } from '../lib/places'
import { prefetch } from '../lib/prefetch'

/** the prefetched streets' key: of a city (its id) or, '', of the whole graph */
export const networkPrefetch = (cityId: string | null) => `network-streets:${cityId ?? ''}`

export const StreetsQuery = graphql(`
  query NetworkStreets($cityId: ID) {
    streets(cityId: $cityId) {
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
  prefetchCities()
  const cityId = new URLSearchParams(location.search).get('city') || null
  prefetch(networkPrefetch(cityId), () => request(StreetsQuery, { cityId }))
  void import('../lib/echarts').then(({ loadCharts }) => loadCharts(['graph']))
}
