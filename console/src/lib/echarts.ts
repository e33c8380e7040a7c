// ECharts, only the parts the console draws, in chunks loaded on first use (EChart.vue): the core
// with the canvas renderer, tooltip and legend here; each kind of chart in its own module
// (lib/charts/), so the network page never loads the axes, bars, lines and pies of the dashboard.
import * as echarts from 'echarts/core'
import { LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([LegendComponent, TooltipComponent, CanvasRenderer])

export { echarts }

export type ChartKind = 'graph' | 'cartesian' | 'pie'

const parts: Record<ChartKind, () => Promise<unknown>> = {
  graph: () => import('./charts/graph'),
  cartesian: () => import('./charts/cartesian'),
  pie: () => import('./charts/pie'),
}

/** ECharts with the given kinds of chart registered. */
export async function loadCharts(kinds: readonly ChartKind[]): Promise<typeof echarts> {
  await Promise.all(kinds.map((kind) => parts[kind]()))
  return echarts
}
