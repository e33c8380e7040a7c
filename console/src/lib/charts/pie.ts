// The dashboard's pie charts, with a title.
import { use } from 'echarts/core'
import { PieChart } from 'echarts/charts'
import { TitleComponent } from 'echarts/components'

use([PieChart, TitleComponent])
