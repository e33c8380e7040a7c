// Requests started before their page is loaded: main.ts starts the first page's query (and its
// chart library) while the page's own chunk is still on the way, and the page takes the answer
// instead of asking again. Each prefetched answer is taken once; later calls ask the server.
const pending = new Map<string, Promise<unknown>>()

export function prefetch<T>(key: string, run: () => Promise<T>): void {
  if (pending.has(key)) return
  const answer = run()
  answer.catch(() => undefined) // the page that takes it reports the error; none is left unhandled
  pending.set(key, answer)
}

export function take<T>(key: string, run: () => Promise<T>): Promise<T> {
  const answer = pending.get(key) as Promise<T> | undefined
  pending.delete(key)
  return answer ?? run()
}
