// The route table: one entry per page (src/pages/*.vue), loaded lazily. To add a page: write
// src/pages/XxxPage.vue, add it here with `meta.title` (the menu shows it) and, if only some roles
// may open it, `meta.roles`.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { principal, type Role } from './lib/auth'

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
  { path: '/', name: 'network', component: () => import('./pages/NetworkPage.vue'), meta: { title: '共建网络' } },
  {
    path: '/community/:id?',
    name: 'community',
    component: () => import('./pages/CommunityPage.vue'),
    meta: { title: '社区' },
  },
  // pages 3, 4, 5 (需求库/资源库, 匹配, 四单) go here
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
