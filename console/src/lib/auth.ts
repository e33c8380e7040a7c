// The signed-in principal: the bearer token (sessionStorage) and what its claims say (role, scope).
// The server verifies the token on every request; the console reads the claims only to show or hide
// what the role can do, mirroring docs/security.md. Nothing secret is in the bundle.
import { computed, ref, watch } from 'vue'
import { TOKEN_KEY } from './token'

export type Role = 'ORG_ADMIN' | 'STREET_ADMIN' | 'COMMUNITY_ADMIN' | 'UNIT_USER' | 'VIEWER' | 'GRID_WORKER' | 'RESIDENT'

export const ROLE_LABELS: Record<Role, string> = {
  ORG_ADMIN: '市委组织部',
  STREET_ADMIN: '街道管理员',
  COMMUNITY_ADMIN: '社区管理员',
  UNIT_USER: '成员单位用户',
  VIEWER: '只读用户',
  GRID_WORKER: '网格员',
  RESIDENT: '居民',
}

export interface Principal {
  subject: string
  role: Role
  streetId?: string
  communityId?: string
  unitId?: string
  /** seconds since the epoch */
  expires?: number
}

function decode(token: string): Principal | null {
  try {
    const part = token.split('.')[1]
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='))
    const claims = JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>
    const role = claims.role as Role
    if (!(role in ROLE_LABELS)) return null
    const expires = typeof claims.exp === 'number' ? claims.exp : undefined
    if (expires !== undefined && expires * 1000 < Date.now()) return null
    return {
      subject: String(claims.sub ?? ''),
      role,
      streetId: typeof claims.street === 'string' ? claims.street : undefined,
      communityId: typeof claims.community === 'string' ? claims.community : undefined,
      unitId: typeof claims.unit === 'string' ? claims.unit : undefined,
      expires,
    }
  } catch {
    return null
  }
}

const token = ref<string | null>(sessionStorage.getItem(TOKEN_KEY))

/** The signed-in principal, or null. Reactive. */
export const principal = computed<Principal | null>(() => (token.value ? decode(token.value) : null))

// the token ends where its claims say: signed out at that moment, not at the next request
let expiry: ReturnType<typeof setTimeout> | undefined
watch(
  principal,
  (who) => {
    clearTimeout(expiry)
    if (who?.expires) expiry = setTimeout(signOut, Math.min(who.expires * 1000 - Date.now(), 2 ** 31 - 1))
  },
  { immediate: true },
)

export function currentToken(): string | null {
  return principal.value ? token.value : null
}

/** Signs in with a bearer token (from the dev sign-in route or the identity provider). */
export function signIn(newToken: string): Principal | null {
  const found = decode(newToken.trim())
  if (!found) return null
  token.value = newToken.trim()
  sessionStorage.setItem(TOKEN_KEY, token.value)
  return found
}

export function signOut(): void {
  token.value = null
  sessionStorage.removeItem(TOKEN_KEY)
}

/** What the console shows or hides; the server decides in the end (FORBIDDEN). */
export type Action =
  | 'committee.editMembers' // addCommitteeMember / removeCommitteeMember / setCommitteeSecretary
  | 'grid.edit' // createGrid / updateGrid / retireGrid and compounds: street or community
  | 'network.manage' // createLeader / updateLeader / retireLeader / setContactLeader: ORG_ADMIN only
  | 'community.recordMeeting' // recordJointMeeting (a street working committee's: street only)
  | 'problem.write' // createProblem / escalateProblem: street, community
  | 'need.write' // createNeed / updateNeed / advanceNeed / acceptMatch / completeTask
  | 'resource.write' // createResource / updateResource / withdrawResource
  | 'unit.claim' // claimNeed
  | 'plan' // planMatches (streetId: own street; communityId: own community, or a community of own street)
  | 'match' // matchNeed / matchResource: any signed-in role
  | 'task.progress' // updateTask: street, community, or the task's responsible unit
  | 'task.complete' // completeTask: street or community, not the unit
  | 'workingCommittee.edit' // add/removeWorkingCommitteeMember, createProject, updateProject, addProjectNote
  | 'unit.evaluate' // evaluateUnit: the community, or its street

/** Where an action applies: the community's and street's ids, or the unit's. */
export interface Target {
  streetId?: string | null
  communityId?: string | null
  unitId?: string | null
}

/** Whether the signed-in role may do `action` on `target` (docs/security.md, the role matrix). */
export function can(action: Action, target: Target = {}, who: Principal | null = principal.value): boolean {
  if (!who) return false
  const street = who.role === 'STREET_ADMIN' && !!target.streetId && target.streetId === who.streetId
  const community = who.role === 'COMMUNITY_ADMIN' && !!target.communityId && target.communityId === who.communityId
  const unit = who.role === 'UNIT_USER' && !!target.unitId && target.unitId === who.unitId
  if (who.role === 'ORG_ADMIN') return true
  switch (action) {
    case 'committee.editMembers':
    case 'workingCommittee.edit':
      return street
    case 'network.manage':
      return false
    case 'grid.edit':
    case 'community.recordMeeting':
    case 'problem.write':
    case 'need.write':
    case 'plan':
    case 'task.complete':
    case 'unit.evaluate':
      return street || community
    case 'task.progress':
      return street || community || unit
    case 'match':
      return true
    case 'resource.write':
    case 'unit.claim':
      return unit
  }
}

/** VIEWER (and anyone without a token) sees "***" for people's names, as the API answers them. */
export const MASK = '***'
