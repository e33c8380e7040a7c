// The cities of the graph, for pages whose scope is a whole city (the match page's plan, the dashboard's
// figures, the needs and resources libraries, the network's streets, the leaders): with more than one
// city they show a CityPicker and pass the chosen city's id (cityId) to the API; with one city (the
// demo) nothing is shown and the API's default, the graph's only city (or all of the graph), holds.
// The choice is kept in the URL (?city=, left out for the first city), so a link names its city.
import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { graphql } from '../gql'
import type { PlaceCitiesQuery } from '../gql/graphql'
import { principal } from './auth'
import { request } from './graphql'
import { prefetch, take } from './prefetch'

const PlaceCities = graphql(`
  query PlaceCities {
    cities { id name prefecture province { name } streets { id name } }
  }
`)

const CITIES_PREFETCH = 'place-cities'

/** Asks for the cities before a page needs them (main.ts, with the first page's query); the page's
 * useCityChoice takes the answer. */
export function prefetchCities(): void {
  prefetch(CITIES_PREFETCH, () => request(PlaceCities))
}

export type CityChoice = PlaceCitiesQuery['cities'][number]

/** The city of the signed-in user's street (a street or community admin's), if any. */
export const cityOfOwnStreet = (cities: CityChoice[]) =>
  cities.find((c) => c.streets.some((s) => s.id === principal.value?.streetId))?.id

/** The graph's cities and the one chosen: `?city=` when it names one, else the one `preferred` picks (by
 * default the city of the signed-in user's street), else the first. `cityId` is what to pass to the
 * API: the chosen city's id when there are several, null (the API's default) when there is one. */
export function useCityChoice(preferred: (cities: CityChoice[]) => string | null | undefined = cityOfOwnStreet) {
  const route = useRoute()
  const router = useRouter()
  const cities = ref<CityChoice[]>([])
  const chosen = ref('')
  const error = ref('')
  /** the cities are known (or could not be read: then cityId stays null, the API's default) */
  const known = ref(false)
  const several = computed(() => cities.value.length > 1)
  const city = computed(() => cities.value.find((c) => c.id === chosen.value) ?? null)
  const cityId = computed(() => (several.value && chosen.value ? chosen.value : null))

  const named = (id: unknown) => (typeof id === 'string' && cities.value.some((c) => c.id === id) ? id : '')
  take(CITIES_PREFETCH, () => request(PlaceCities))
    .then((d) => {
      cities.value = d.cities
      chosen.value = named(route.query.city) || named(preferred(d.cities)) || (d.cities[0]?.id ?? '')
    })
    .catch((exc) => {
      error.value = exc instanceof Error ? exc.message : String(exc)
    })
    .finally(() => {
      known.value = true
    })

  watch(chosen, (id) => {
    const wanted = several.value && id && id !== cities.value[0]?.id ? id : undefined
    if (route.query.city === wanted) return
    const query = { ...route.query }
    if (wanted) query.city = wanted
    else delete query.city
    router.replace({ query }).catch(() => undefined)
  })

  /** Runs `load` once the cities are known, and again whenever another city is chosen: a page's first
   * request waits for the choice, so that with several cities it never shows the whole graph first. */
  function follow(load: (cityId: string | null) => void): void {
    let done: string | null | undefined // the cityId `load` last ran for; undefined: not yet
    watch(
      [known, cityId],
      () => {
        if (!known.value || cityId.value === done) return
        done = cityId.value
        load(cityId.value)
      },
      { immediate: true },
    )
  }

  return { cities, chosen, city, cityId, several, error, known, follow }
}

/** A city's name with where it lies, for a picker's option: 来安县(滁州市) */
export function cityLabel(c: Pick<CityChoice, 'name' | 'prefecture'>): string {
  return c.prefecture ? `${c.name}(${c.prefecture})` : c.name
}
