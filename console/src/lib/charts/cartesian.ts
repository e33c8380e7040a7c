// The dashboard's bar and line charts, on a cartesian grid with a title.
import { use } from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, TitleComponent } from 'echarts/components'

use([BarChart, LineChart, GridComponent, TitleComponent])
