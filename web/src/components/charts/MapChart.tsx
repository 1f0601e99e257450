import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Area, type MapModel, type RoadClass, registrableMap } from '../../geo/model';
import { formatNumber } from '../../i18n/format';
import { EChart } from './EChart';
import { echarts } from './echarts';

export const facilityStyle: Record<string, { color: string; size: number }> = {
  prefecture_hospital: { color: '#a8071a', size: 16 },
  supporter_hospital: { color: '#722ed1', size: 13 },
  county_hospital: { color: '#d4380d', size: 12 },
  township_health_centre: { color: '#0b6e4f', size: 8 },
  village_clinic: { color: '#2f54eb', size: 5 },
  other: { color: '#595959', size: 6 },
};
const roadStyle: Record<RoadClass, { color: string; width: number; type: 'solid' | 'dashed' }> = {
  highway: { color: '#d48806', width: 2.2, type: 'solid' },
  county_road: { color: '#e8a33d', width: 1.3, type: 'solid' },
  township_road: { color: '#a6a6a6', width: 0.9, type: 'dashed' },
};

export type MapLayers = { roads: boolean; facilityLevels: string[] };

type Props = {
  model: MapModel;
  height: number | string;
  label: string;
  layers: MapLayers;
  /** The area (usually a county) to zoom to and outline. */
  focus?: Area | null;
  highlightFacilityIds?: Set<string>;
  onFacilityClick?: (id: string) => void;
  onAreaClick?: (area: Area) => void;
};

let registered = 0;
const mapNames = new WeakMap<MapModel, string>();
/** Registers a model's areas with ECharts once, under a name unique to that model. */
function mapNameOf(model: MapModel): string {
  let name = mapNames.get(model);
  if (!name) {
    name = `zutuan-region-${++registered}`;
    echarts.registerMap(name, registrableMap(model) as never);
    mapNames.set(model, name);
  }
  return name;
}

/** The region drawn from its GeoJSON with ECharts' geo component: areas, boundaries, roads, facilities. */
export function MapChart({
  model,
  height,
  label,
  layers,
  focus,
  highlightFacilityIds,
  onFacilityClick,
  onAreaClick,
}: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;

  const option = useMemo(() => {
    const local = (a: { name: string; nameEn: string | null }) =>
      language === 'en' && a.nameEn ? a.nameEn : a.name;
    const map = mapNameOf(model);
    const byKey = new Map(model.areas.map((a) => [a.key, a]));
    const pad = (b: [[number, number], [number, number]]) => {
      const dx = (b[1][0] - b[0][0]) * 0.08;
      const dy = (b[1][1] - b[0][1]) * 0.08;
      return [
        [b[0][0] - dx, b[1][1] + dy],
        [b[1][0] + dx, b[0][1] - dy],
      ];
    };
    const bounds = focus?.bbox ?? model.bbox;
    const levels = Object.keys(facilityStyle).filter((l) => layers.facilityLevels.includes(l));
    return {
      aria: { enabled: true },
      animation: false,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: {
          componentType: string;
          name: string;
          seriesId?: string;
          data?: {
            facility?: { name: string; level: string };
            road?: { roadClass: RoadClass; travelHours: number | null };
          };
        }) => {
          if (p.componentType === 'geo') {
            const area = byKey.get(p.name);
            if (!area) return p.name;
            const pop = area.population
              ? `<br/>${t('map.population')}: ${formatNumber(area.population)}`
              : '';
            return `${local(area)}${pop}`;
          }
          if (p.data?.facility)
            return `${p.data.facility.name}<br/>${t(`enum.facilityLevel.${p.data.facility.level}`, { defaultValue: p.data.facility.level })}`;
          if (p.data?.road) {
            const hours = p.data.road.travelHours;
            return `${t(`map.road.${p.data.road.roadClass}`)}${hours !== null ? `<br/>${t('map.travelHours', { hours: formatNumber(hours, 1) })}` : ''}`;
          }
          return '';
        },
      },
      geo: {
        map,
        roam: true,
        ...(bounds ? { boundingCoords: pad(bounds) } : {}),
        scaleLimit: { min: 0.5, max: 20 },
        label: { show: false },
        itemStyle: { areaColor: '#eef4f0', borderColor: '#b8cabf', borderWidth: 0.6 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#d5eadf' } },
        select: { label: { show: false }, itemStyle: { areaColor: '#bfe0cf' } },
        selectedMode: false,
        regions:
          focus && focus.level === model.areaLevel
            ? [{ name: focus.key, itemStyle: { areaColor: '#cfe6da' } }]
            : [],
      },
      series: [
        {
          id: 'outlines',
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          silent: true,
          z: 3,
          data: model.outlines.flatMap((a) =>
            a.rings.map((ring) => ({
              coords: ring,
              lineStyle: {
                color: focus?.key === a.key ? '#0b6e4f' : a.level === 'prefecture' ? '#3d5a4c' : '#5f8573',
                width: focus?.key === a.key ? 3 : a.level === 'prefecture' ? 2 : 1.4,
              },
            })),
          ),
        },
        ...(layers.roads
          ? (Object.keys(roadStyle) as RoadClass[]).map((cls) => ({
              id: `road-${cls}`,
              type: 'lines',
              coordinateSystem: 'geo',
              polyline: true,
              z: 4,
              lineStyle: { ...roadStyle[cls], opacity: 0.9 },
              data: model.roads
                .filter((r) => r.roadClass === cls)
                .map((r) => ({ coords: r.coords, road: r })),
            }))
          : []),
        ...levels.map((level) => ({
          id: `facility-${level}`,
          type: 'scatter',
          coordinateSystem: 'geo',
          z: 6,
          symbolSize: facilityStyle[level]?.size ?? 6,
          itemStyle: { color: facilityStyle[level]?.color, borderColor: '#fff', borderWidth: 1 },
          data: model.facilities
            .filter((f) => (facilityStyle[f.level] ? f.level : 'other') === level)
            .map((f) => ({
              value: f.coord,
              facility: f,
              ...(highlightFacilityIds?.has(f.id)
                ? {
                    symbolSize: (facilityStyle[level]?.size ?? 6) + 8,
                    itemStyle: { borderColor: '#000', borderWidth: 2 },
                  }
                : {}),
            })),
        })),
        {
          id: 'county-labels',
          type: 'scatter',
          coordinateSystem: 'geo',
          silent: true,
          z: 7,
          symbolSize: 0,
          label: {
            show: true,
            formatter: '{b}',
            color: '#1f3d30',
            fontWeight: 'bold',
            fontSize: 13,
            textBorderColor: '#fff',
            textBorderWidth: 3,
          },
          data: (model.counties.length ? model.counties : model.areas).map((a) => ({
            name: local(a),
            value: a.center,
          })),
        },
      ],
    };
  }, [model, layers, focus, highlightFacilityIds, t, language]);

  const onEvents = useMemo(
    () => ({
      click: (p: Record<string, unknown>) => {
        const data = p.data as { facility?: { id: string } } | undefined;
        if (data?.facility) onFacilityClick?.(data.facility.id);
        else if (p.componentType === 'geo') {
          const area = model.areas.find((a) => a.key === p.name);
          if (area) onAreaClick?.(area);
        }
      },
    }),
    [model, onFacilityClick, onAreaClick],
  );

  return <EChart option={option} height={height} label={label} onEvents={onEvents} testId="map-chart" />;
}
