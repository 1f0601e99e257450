// The mentorship charts also draw lines (levels over time, local share): registered here, so the
// shared chart module stays as small as the pages that only need bars. Only chart pages import this.
import { LineChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { echarts } from '../../components/charts/echarts';

echarts.use([LineChart, MarkLineComponent]);

export { EChart } from '../../components/charts/EChart';
export type { EChartsOption } from '../../components/charts/echarts';
