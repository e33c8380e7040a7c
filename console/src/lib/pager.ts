// Relay paging for a table: 下一页 asks first/after (the page's endCursor), 上一页 asks last/before
// (the page's startCursor); hasNextPage / hasPreviousPage from the answer enable the buttons.
import { reactive } from 'vue'

export interface PageInfoLike {
  hasNextPage: boolean
  hasPreviousPage: boolean
  startCursor?: string | null
  endCursor?: string | null
}

export interface Pager {
  size: number
  /** the variables of the next request */
  args: { first: number | null; after: string | null; last: number | null; before: string | null }
  info: PageInfoLike
  total: number
  /** 1-based number of the page shown, as far as the buttons walked */
  page: number
  reset(): void
  next(): void
  previous(): void
  got(info: PageInfoLike, total: number): void
}

export function usePager(size = 10): Pager {
  const pager: Pager = reactive({
    size,
    args: { first: size, after: null, last: null, before: null },
    info: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    total: 0,
    page: 1,
    reset() {
      Object.assign(pager.args, { first: pager.size, after: null, last: null, before: null })
      pager.page = 1
    },
    next() {
      Object.assign(pager.args, { first: pager.size, after: pager.info.endCursor ?? null, last: null, before: null })
      pager.page += 1
    },
    previous() {
      Object.assign(pager.args, { first: null, after: null, last: pager.size, before: pager.info.startCursor ?? null })
      pager.page = Math.max(1, pager.page - 1)
    },
    got(info: PageInfoLike, total: number) {
      Object.assign(pager.info, info)
      pager.total = total
    },
  })
  return pager
}
