// The route table: one entry per page (src/pages/*.vue), loaded lazily but for the first. To add a page: write
// src/pages/XxxPage.vue, add it here with `meta.title` (the menu shows it, under `meta.group`) and, if only some roles
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
    /** the menu group the page is under (MENU_GROUPS); none: on the menu bar itself */
    group?: MenuGroup
    /** open without signing in */
    public?: boolean
    /** only these roles (default: every signed-in role) */
    roles?: Role[]
  }
}

/** the menu bar's groups, in order: sixteen pages in one row would not fit a 1440 px screen */
export const MENU_GROUPS = ['共建网络', '两库四单', '共同治理', '数据与报告'] as const
export type MenuGroup = (typeof MENU_GROUPS)[number]

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'network', component: NetworkPage, meta: { title: '共建网络', group: '共建网络' } },
  {
    path: '/community/:id?',
    name: 'community',
    component: () => import('./pages/CommunityPage.vue'),
    meta: { title: '社区', group: '共建网络' },
  },
  {
    path: '/street/:id?',
    name: 'street',
    component: () => import('./pages/StreetPage.vue'),
    meta: { title: '街道大工委', group: '共建网络' },
  },
  // the libraries and the four lists are public information (docs/security.md): open without signing
  // in, their write controls ask for it; 匹配 needs a signed-in role (matchNeed)
  {
    path: '/needs/:id?',
    name: 'needs',
    component: () => import('./pages/NeedsPage.vue'),
    meta: { title: '需求库', group: '两库四单', public: true },
  },
  {
    path: '/resources',
    name: 'resources',
    component: () => import('./pages/ResourcesPage.vue'),
    meta: { title: '资源库', group: '两库四单', public: true },
  },
  {
    path: '/concepts/:id?',
    name: 'concepts',
    component: () => import('./pages/ConceptsPage.vue'),
    meta: { title: '主题', group: '两库四单', public: true },
  },
  { path: '/match', name: 'match', component: () => import('./pages/MatchPage.vue'), meta: { title: '匹配', group: '两库四单' } },
  { path: '/lists', name: 'lists', component: () => import('./pages/ListsPage.vue'), meta: { title: '四单', group: '两库四单', public: true } },
  {
    path: '/leaders',
    name: 'leaders',
    component: () => import('./pages/LeadersPage.vue'),
    meta: { title: '市领导', group: '共建网络', roles: ['ORG_ADMIN'] },
  },
  {
    path: '/governance',
    name: 'governance',
    component: () => import('./pages/GovernancePage.vue'),
    meta: { title: '联席会议与问题', group: '共同治理' },
  },
  // ratings (issue #14): published like the article's 公开亮晒, open without signing in; publishing asks for it
  { path: '/ratings', name: 'ratings', component: () => import('./pages/RatingsPage.vue'), meta: { title: '评价与红黑榜', group: '共同治理', public: true } },
  {
    path: '/compounds/:id?',
    name: 'compounds',
    component: () => import('./pages/CompoundsPage.vue'),
    meta: { title: '小区', group: '共建网络' },
  },
  // in-service party members (双报到), zones, service, campaigns (issue #14)
  {
    path: '/party-members',
    name: 'party-members',
    component: () => import('./pages/PartyMembersPage.vue'),
    meta: { title: '在职党员', group: '共建网络' },
  },
  // 智慧管家 (#14): the report queue and the departments' figures are public; the actions ask for a role
  {
    path: '/reports',
    name: 'reports',
    component: () => import('./pages/ReportsPage.vue'),
    meta: { title: '智慧管家', group: '共同治理', public: true },
  },
  // spreadsheets in and out (#15): every signed-in role; each row is authorized by its use case on the server
  { path: '/transfer', name: 'transfer', component: () => import('./pages/TransferPage.vue'), meta: { title: '导入导出', group: '数据与报告' } },
  // the organization department's monthly report (#15): figures open like the others; 下载 Excel sends the token if any
  {
    path: '/period-report',
    name: 'period-report',
    component: () => import('./pages/PeriodReportPage.vue'),
    meta: { title: '月度报告', group: '数据与报告', public: true },
  },
  { path: '/dashboard', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { title: '概况', group: '数据与报告' } },
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
