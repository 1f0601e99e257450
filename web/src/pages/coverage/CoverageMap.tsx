import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/charts/EChart';
import { echarts } from '../../components/charts/echarts';
import { type MapModel, registrableMap } from '../../geo/model';
import { formatNumber } from '../../i18n/format';
import type { DeployedExpert, TownshipCoverage } from './types';

let registered = 0;
const names = new WeakMap<MapModel, string>();
const mapName = (model: MapModel) => {
  let name = names.get(model);
  if (!name) {
    name = `zutuan-coverage-${++registered}`;
    echarts.registerMap(name, registrableMap(model) as never);
    names.set(model, name);
  }
  return name;
};

/** White → deep red by the share of the highest unmet, priority-weighted need. */
export function shade(value: number, max: number): string {
  if (!(value > 0) || !(max > 0)) return '#f4f7f5';
  const x = Math.min(1, value / max);
  const mix = (a: number, b: number) => Math.round(a + (b - a) * x);
  return `rgb(${mix(254, 165)}, ${mix(224, 15)}, ${mix(210, 21)})`;
}

type Props = {
  model: MapModel;
  townships: TownshipCoverage[];
  experts: DeployedExperts;
  selected: string | null;
  onTownshipClick: (townshipId: string) => void;
};
type DeployedExperts = DeployedExpert[];

/** Townships shaded by unmet need, with roads, facilities and the experts on site. */
export function CoverageMap({ model, townships, experts, selected, onTownshipClick }: Props) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const byRegion = new Map(townships.map((r) => [r.townshipId, r]));
    const max = Math.max(0, ...townships.map((r) => r.unmetPriority));
    const areaOf = new Map(model.areas.map((a) => [a.key, a]));
    const expertsAt = new Map<string, DeployedExpert[]>();
    for (const e of experts) expertsAt.set(e.facilityId, [...(expertsAt.get(e.facilityId) ?? []), e]);
    return {
      aria: { enabled: true },
      animation: false,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: { componentType: string; name: string; data?: { experts?: DeployedExpert[] } }) => {
          if (p.componentType === 'geo') {
            const area = areaOf.get(p.name);
            const row = area?.regionId ? byRegion.get(area.regionId) : undefined;
            if (!row) return area?.name ?? p.name;
            const hours = row.hours === null ? '—' : formatNumber(row.hours, 1);
            return `${row.townshipName}<br/>${t('coverage.unmetPriority')}: ${formatNumber(row.unmetPriority, 1)}<br/>${t('coverage.openNeeds')}: ${row.openNeeds}<br/>${t('coverage.hours')}: ${hours}`;
          }
          if (p.data?.experts)
            return p.data.experts.map((e) => `${e.personName} · ${e.facilityName}`).join('<br/>');
          return '';
        },
      },
      geo: {
        map: mapName(model),
        roam: true,
        scaleLimit: { min: 0.5, max: 20 },
        label: { show: false },
        itemStyle: { areaColor: '#f4f7f5', borderColor: '#b8cabf', borderWidth: 0.6 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd591' } },
        selectedMode: false,
        regions: model.areas.map((a) => {
          const row = a.regionId ? byRegion.get(a.regionId) : undefined;
          return {
            name: a.key,
            itemStyle: {
              areaColor: shade(row?.unmetPriority ?? 0, max),
              ...(selected && a.regionId === selected ? { borderColor: '#000', borderWidth: 2.5 } : {}),
            },
          };
        }),
      },
      series: [
        {
          id: 'outlines',
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          silent: true,
          z: 3,
          lineStyle: { color: '#5f8573', width: 1.2 },
          data: model.outlines.flatMap((a) => a.rings.map((ring) => ({ coords: ring }))),
        },
        {
          id: 'roads',
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          silent: true,
          z: 4,
          lineStyle: { color: '#d48806', width: 0.9, opacity: 0.7 },
          data: model.roads.map((r) => ({ coords: r.coords })),
        },
        {
          id: 'facilities',
          type: 'scatter',
          coordinateSystem: 'geo',
          silent: true,
          z: 5,
          symbolSize: 4,
          itemStyle: { color: '#0b6e4f' },
          data: model.facilities.map((f) => ({ value: f.coord })),
        },
        {
          id: 'experts',
          type: 'scatter',
          coordinateSystem: 'geo',
          z: 6,
          symbol: 'pin',
          symbolSize: 20,
          itemStyle: { color: '#722ed1' },
          data: [...expertsAt.values()].map((list) => ({
            value: [(list[0] as DeployedExpert).lon, (list[0] as DeployedExpert).lat],
            experts: list,
          })),
        },
      ],
    };
  }, [model, townships, experts, selected, t]);

  const onEvents = useMemo(
    () => ({
      click: (p: Record<string, unknown>) => {
        if (p.componentType !== 'geo') return;
        const area = model.areas.find((a) => a.key === p.name);
        if (area?.regionId) onTownshipClick(area.regionId);
      },
    }),
    [model, onTownshipClick],
  );

  return (
    <EChart
      option={option}
      height={560}
      label={t('coverage.mapLabel', { townships: townships.length, experts: experts.length })}
      onEvents={onEvents}
      testId="coverage-map"
    />
  );
}
