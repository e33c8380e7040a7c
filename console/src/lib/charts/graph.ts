// The network page's force-directed graph.
import { use } from 'echarts/core'
import { GraphChart } from 'echarts/charts'

use([GraphChart])
