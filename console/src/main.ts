import { createApp } from 'vue'
// Element Plus styles come with the components each module imports (vite.config.ts); the loading
// directive (v-loading) is not a component, so its style is imported here
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/loading/style/css'
import './style.css'
import App from './App.vue'
import { principal } from './lib/auth'
import { startNetwork } from './pages/network-start'
import { router } from './router'

// the first page's data and chart library are asked for now, beside the page's own chunk
if (location.pathname === '/' && principal.value) startNetwork()

createApp(App).use(router).mount('#app')
