import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type Page } from '../../../app/api';
import { EChart } from '../../../components/charts/EChart';
import type { Batch } from '../../../components/reference';
import { useSpecialtyName } from '../../../components/reference';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDate } from '../../../i18n/format';
import { layOut } from './timeline';

export type Deployment = {
  id: string;
  batchNumber: number;
  personName: string;
  homeOrganisationName: string;
  hostFacilityId: string;
  hostFacilityName: string;
  hostRegionName: string;
  specialtyCode: string;
  term: 'long' | 'short';
  startsOn: string;
  endsOn: string;
};

const termColor = { long: '#0b6e4f', short: '#e8a33d' } as const;

type RenderApi = {
  value: (i: number) => number;
  coord: (v: [number, number]) => [number, number];
  size: (v: [number, number]) => [number, number];
};
/** Custom-series bars: one lane (row) per concurrent stay, the expert's name written on the bar. */
const barRenderer = (labels: string[]) => (params: { dataIndex: number }, api: RenderApi) => {
  const [x0, yMid] = api.coord([api.value(0), api.value(2)]);
  const [x1] = api.coord([api.value(1), api.value(2)]);
  const h = api.size([0, 1])[1] * 0.72;
  const width = Math.max(2, x1 - x0);
  return {
    type: 'group',
    children: [
      {
        type: 'rect',
        shape: { x: x0, y: yMid - h / 2, width, height: h, r: 3 },
        style: { fill: api.value(3) === 1 ? termColor.long : termColor.short },
        emphasis: { style: { stroke: '#000', lineWidth: 1 } },
      },
      {
        type: 'text',
        silent: true,
        style: {
          text: labels[params.dataIndex] ?? '',
          x: x0 + 6,
          y: yMid,
          fill: '#fff',
          fontSize: 12,
          verticalAlign: 'middle',
          width: Math.max(0, width - 12),
          overflow: 'truncate',
        },
      },
    ],
  };
};

/** All batches on one time axis; clicking one opens it. */
export function BatchesTimeline({ batches, selectedId }: { batches: Batch[]; selectedId: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sorted = useMemo(() => [...batches].sort((a, b) => a.number - b.number), [batches]);
  const option = useMemo(
    () => ({
      aria: { enabled: true },
      animation: false,
      grid: { left: 8, right: 16, top: 8, bottom: 24, containLabel: true },
      tooltip: {
        formatter: (p: { dataIndex: number }) => {
          const b = sorted[p.dataIndex];
          return b
            ? `${t('batches.numbered', { number: b.number, name: b.name })}<br/>${t('batches.period', { from: formatDate(b.startsOn), to: formatDate(b.endsOn) })}<br/>${t('batches.deploymentCount', { count: b.deployments })}`
            : '';
        },
      },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: sorted.map((b) => b.name), inverse: true },
      series: [
        {
          type: 'custom',
          renderItem: (_: unknown, api: RenderApi) => {
            const [x0, yMid] = api.coord([api.value(0), api.value(2)]);
            const [x1] = api.coord([api.value(1), api.value(2)]);
            const h = api.size([0, 1])[1] * 0.6;
            return {
              type: 'rect',
              shape: { x: x0, y: yMid - h / 2, width: Math.max(2, x1 - x0), height: h },
              style: { fill: api.value(3) === 1 ? '#0b6e4f' : api.value(4) === 1 ? '#36a37c' : '#a9c9bb' },
            };
          },
          encode: { x: [0, 1], y: 2 },
          data: sorted.map((b, i) => [
            Date.parse(b.startsOn),
            Date.parse(b.endsOn) + 86_400_000,
            i,
            b.id === selectedId ? 1 : 0,
            b.current ? 1 : 0,
          ]),
        },
      ],
    }),
    [sorted, selectedId, t],
  );
  const onEvents = useMemo(
    () => ({
      click: (p: Record<string, unknown>) => {
        const b = sorted[p.dataIndex as number];
        if (b) navigate(`?batchId=${b.id}`, { replace: true });
      },
    }),
    [sorted, navigate],
  );
  return (
    <EChart
      option={option}
      onEvents={onEvents}
      height={Math.max(160, sorted.length * 30 + 40)}
      label={t('batches.timelineLabel', { count: sorted.length })}
      testId="batches-timeline"
    />
  );
}

async function allDeployments(batchId: string, signal: AbortSignal): Promise<Deployment[]> {
  const items: Deployment[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await api<Page<Deployment>>('/deployments', {
      query: { batchId, page, pageSize: 200, sort: 'hostFacilityName', order: 'asc' },
      signal,
    });
    items.push(...r.items);
    if (items.length >= r.total || r.items.length === 0) break;
  }
  return items;
}

/** One batch's deployments per hospital: a row per host facility, a bar per expert's stay. */
export function DeploymentsPerHospital({ batch }: { batch: Batch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const specialtyName = useSpecialtyName();
  const query = useQuery({
    queryKey: ['deployments', 'batch', batch.id],
    queryFn: ({ signal }) => allDeployments(batch.id, signal),
  });
  const layout = useMemo(() => {
    const { rows, bars } = layOut(
      query.data ?? [],
      (d) => d.hostFacilityName,
      (d) => [d.startsOn, d.endsOn],
    );
    // Each hospital gets as many chart rows as it has concurrent stays; its name labels the first.
    const offsets: number[] = [];
    const labels: string[] = [];
    rows.forEach((name, i) => {
      offsets[i] = labels.length;
      const lanes = bars.find((b) => b.row === i)?.lanes ?? 1;
      for (let lane = 0; lane < lanes; lane++) labels.push(lane === 0 ? name : '');
    });
    return { rows, labels, bars: bars.map((b) => ({ ...b, line: (offsets[b.row] ?? 0) + b.lane })) };
  }, [query.data]);
  const option = useMemo(
    () => ({
      aria: { enabled: true },
      animation: false,
      grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
      legend: { top: 0, data: [t('enum.term.long'), t('enum.term.short')], selectedMode: false },
      tooltip: {
        confine: true,
        formatter: (p: { dataIndex: number }) => {
          const bar = layout.bars[p.dataIndex];
          if (!bar) return '';
          const d = bar.item;
          return [
            `<b>${d.personName}</b> · ${specialtyName(d.specialtyCode)}`,
            d.homeOrganisationName,
            `→ ${d.hostFacilityName}（${d.hostRegionName}）`,
            `${t(`enum.term.${d.term}`)} · ${t('batches.period', { from: formatDate(d.startsOn), to: formatDate(d.endsOn) })}`,
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'time',
        min: Date.parse(batch.startsOn) - 15 * 86_400_000,
        max: Date.parse(batch.endsOn) + 15 * 86_400_000,
      },
      yAxis: {
        type: 'category',
        data: layout.labels,
        inverse: true,
        axisTick: { show: false },
        axisLabel: { width: 150, overflow: 'truncate', interval: 0, fontWeight: 'bold' },
      },
      series: [
        {
          type: 'custom',
          name: t('enum.term.long'),
          itemStyle: { color: termColor.long },
          renderItem: barRenderer(
            layout.bars.map((b) => `${b.item.personName} · ${specialtyName(b.item.specialtyCode)}`),
          ),
          encode: { x: [0, 1], y: 2 },
          data: layout.bars.map((b) => [b.start, b.end, b.line, b.item.term === 'long' ? 1 : 0]),
        },
        {
          type: 'custom',
          name: t('enum.term.short'),
          itemStyle: { color: termColor.short },
          renderItem: () => null,
          data: [],
        },
      ],
    }),
    [layout, batch, t, specialtyName],
  );
  const onEvents = useMemo(
    () => ({
      click: (p: Record<string, unknown>) => {
        const bar = layout.bars[p.dataIndex as number];
        if (bar) navigate(`/deployments/${bar.item.id}`);
      },
    }),
    [layout, navigate],
  );
  if (query.isLoading) return <LoadingState />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (layout.bars.length === 0) return <EmptyState description={t('batches.noDeployments')} />;
  return (
    <EChart
      option={option}
      onEvents={onEvents}
      height={layout.labels.length * 26 + 80}
      label={t('batches.perHospitalLabel', { count: layout.bars.length, hospitals: layout.rows.length })}
      testId="batch-hospital-timeline"
    />
  );
}
