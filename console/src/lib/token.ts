// The bearer token of this tab: sessionStorage (gone when the tab closes), never localStorage.
export const TOKEN_KEY = 'orggraph.token'
