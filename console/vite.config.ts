import { resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import ElementPlus from 'unplugin-element-plus/vite'

// Two pages: the console (index.html) and the offline GraphiQL (graphiql.html), both served by
// `orggraph serve` from dist/. `npm run dev` proxies the API to a local `orggraph serve`.
// The first page (共建网络 at `/`) draws with ECharts, which is loaded on first use: a small script at
// the top of index.html asks for its chunks at once when the console opens on `/`, beside the main
// chunk, instead of after the main chunk has run (docs/benchmarks.md, the console's first page).
function preloadFirstPageCharts(): Plugin {
  return {
    name: 'orggraph:preload-first-page-charts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle || !ctx.filename.endsWith('index.html')) return []
        const files = Object.values(ctx.bundle)
          .filter((c) => c.type === 'chunk' && (c.name === 'echarts' || c.name === 'graph'))
          .map((c) => `/${c.fileName}`)
        if (files.length !== 2) throw new Error(`expected the echarts and graph chunks, found ${files.join(', ')}`)
        const script =
          `if (location.pathname === '/') for (const href of ${JSON.stringify(files)}) ` +
          `{ const link = document.createElement('link'); link.rel = 'modulepreload'; link.href = href; document.head.appendChild(link) }`
        return [{ tag: 'script', children: script, injectTo: 'head-prepend' }]
      },
    },
  }
}

// unplugin-element-plus adds the stylesheet of each Element Plus component a module imports
// (`import { ElButton } from 'element-plus'` brings button's CSS), so a page loads the styles it uses
// rather than the whole theme (350 KB of CSS the browser parsed and matched on the first page).
export default defineConfig({
  plugins: [vue(), ElementPlus({}), preloadFirstPageCharts()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        main: resolve(__dirname, 'index.html'),
        graphiql: resolve(__dirname, 'graphiql.html'),
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:8000', ws: true },
      '/auth': 'http://127.0.0.1:8000',
      '/transfer': 'http://127.0.0.1:8000',
    },
  },
})
