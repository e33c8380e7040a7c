// The route table: one entry per page (src/pages/*.vue), loaded lazily but for the first. To add a page: write
// src/pages/XxxPage.vue, add it here with `meta.title` (the menu shows it) and, if only some roles
// may open it, `meta.roles`.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { principal, type Role } from './lib/auth'
// the first page is in the main chunk: it arrives with the shell, not in a second round of requests
// to a server that is by then answering the page's first query
import NetworkPage from './pages/NetworkPage.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** the menu's label; pages without one are not in the menu */
    title?: string
    /** open without signing in */
    public?: boolean
    /** only these roles (default: every signed-in role) */
    roles?: Role[]
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'network', component: NetworkPage, meta: { title: '共建网络' } },
  {
    path: '/community/:id?',
    name: 'community',
    component: () => import('./pages/CommunityPage.vue'),
    meta: { title: '社区' },
  },
  {
    path: '/street/:id?',
    name: 'street',
    component: () => import('./pages/StreetPage.vue'),
    meta: { title: '街道大工委' },
  },
  // the libraries and the four lists are public information (docs/security.md): open without signing
  // in, their write controls ask for it; 匹配 needs a signed-in role (matchNeed)
  {
    path: '/needs/:id?',
    name: 'needs',
    component: () => import('./pages/NeedsPage.vue'),
    meta: { title: '需求库', public: true },
  },
  {
    path: '/resources',
    name: 'resources',
    component: () => import('./pages/ResourcesPage.vue'),
    meta: { title: '资源库', public: true },
  },
  { path: '/match', name: 'match', component: () => import('./pages/MatchPage.vue'), meta: { title: '匹配' } },
  { path: '/lists', name: 'lists', component: () => import('./pages/ListsPage.vue'), meta: { title: '四单', public: true } },
  {
    path: '/leaders',
    name: 'leaders',
    component: () => import('./pages/LeadersPage.vue'),
    meta: { title: '市领导', roles: ['ORG_ADMIN'] },
  },
  {
    path: '/governance',
    name: 'governance',
    component: () => import('./pages/GovernancePage.vue'),
    meta: { title: '联席会议与问题' },
  },
  // ratings (issue #14): published like the article's 公开亮晒, open without signing in; publishing asks for it
  { path: '/ratings', name: 'ratings', component: () => import('./pages/RatingsPage.vue'), meta: { title: '评价与红黑榜', public: true } },
  {
    path: '/compounds/:id?',
    name: 'compounds',
    component: () => import('./pages/CompoundsPage.vue'),
    meta: { title: '小区' },
  },
  // in-service party members (双报到), zones, service, campaigns (issue #14)
  {
    path: '/party-members',
    name: 'party-members',
    component: () => import('./pages/PartyMembersPage.vue'),
    meta: { title: '在职党员' },
  },
  // 智慧管家 (#14): the report queue and the departments' figures are public; the actions ask for a role
  {
    path: '/reports',
    name: 'reports',
    component: () => import('./pages/ReportsPage.vue'),
    meta: { title: '智慧管家', public: true },
  },
  // spreadsheets in and out (#15): every signed-in role; each row is authorized by its use case on the server
  { path: '/transfer', name: 'transfer', component: () => import('./pages/TransferPage.vue'), meta: { title: '导入导出' } },
  // the organization department's monthly report (#15): figures open like the others; 下载 Excel sends the token if any
  {
    path: '/period-report',
    name: 'period-report',
    component: () => import('./pages/PeriodReportPage.vue'),
    meta: { title: '月度报告', public: true },
  },
  { path: '/dashboard', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { title: '概况' } },
  { path: '/login', name: 'login', component: () => import('./pages/SignInPage.vue'), meta: { public: true } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { public: true } },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach((to) => {
  if (to.meta.public) return true
  const who = principal.value
  if (!who) return { name: 'login', query: { next: to.fullPath } }
  if (to.meta.roles && !to.meta.roles.includes(who.role)) return { name: 'network' }
  return true
})
