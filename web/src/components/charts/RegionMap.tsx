import { Checkbox, Flex, Select, Space, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area, MapModel } from '../../geo/model';
import { useMapModel } from '../../geo/use-geo';
import { EmptyState, ErrorState, LoadingState } from '../states';
import { facilityStyle, MapChart, type MapLayers } from './MapChart';

const allLevels = Object.keys(facilityStyle);

type Props = {
  height: number | string;
  /** Layer and county controls above the map (off for small overview maps). */
  controls?: boolean;
  highlightFacilityIds?: Set<string>;
  onFacilityClick?: (id: string, model: MapModel) => void;
  onAreaChange?: (area: Area | null) => void;
  /** Shown beside the map on wide screens, under it on narrow ones. */
  aside?: (model: MapModel, focus: Area | null) => ReactNode;
};

/** The region map with its controls: which county to zoom to, and which layers to show. */
export function RegionMap({
  height,
  controls = true,
  highlightFacilityIds,
  onFacilityClick,
  onAreaChange,
  aside,
}: Props) {
  const { t, i18n } = useTranslation();
  const query = useMapModel();
  const [layers, setLayers] = useState<MapLayers>({ roads: true, facilityLevels: allLevels });
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const model = query.data;
  const focus = useMemo(
    () =>
      model && focusKey
        ? ([...model.counties, ...model.areas].find((a) => a.key === focusKey) ?? null)
        : null,
    [model, focusKey],
  );

  if (query.isLoading) return <LoadingState label={t('map.loading')} />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!model || (model.areas.length === 0 && model.facilities.length === 0))
    return <EmptyState description={t('map.empty')} />;

  const local = (a: Area) => (i18n.language === 'en' && a.nameEn ? a.nameEn : a.name);
  const choose = (key: string | null) => {
    setFocusKey(key);
    const area = key ? ([...model.counties, ...model.areas].find((a) => a.key === key) ?? null) : null;
    onAreaChange?.(area);
  };
  const countyOptions = (model.counties.length ? model.counties : model.areas).map((a) => ({
    value: a.key,
    label: local(a),
  }));

  return (
    <Flex vertical gap={8}>
      {controls && (
        <Flex wrap gap={12} align="center">
          <Space>
            <label htmlFor="map-county" style={{ whiteSpace: 'nowrap' }}>
              {t('map.county')}
            </label>
            <Select
              id="map-county"
              style={{ minWidth: 160 }}
              value={focusKey ?? ''}
              onChange={(v) => choose(v || null)}
              options={[{ value: '', label: t('map.wholeRegion') }, ...countyOptions]}
              data-testid="map-county"
            />
          </Space>
          <Checkbox
            checked={layers.roads}
            onChange={(e) => setLayers({ ...layers, roads: e.target.checked })}
          >
            {t('map.layer.roads')}
          </Checkbox>
          <Checkbox.Group
            aria-label={t('map.layer.facilities')}
            value={layers.facilityLevels}
            onChange={(v) => setLayers({ ...layers, facilityLevels: v as string[] })}
            options={allLevels
              .filter((l) => l !== 'other' || model.facilities.some((f) => !facilityStyle[f.level]))
              .map((l) => ({
                value: l,
                label: (
                  <span>
                    <span
                      aria-hidden="true"
                      style={{
                        display: 'inline-block',
                        width: 10,
                        height: 10,
                        borderRadius: 5,
                        background: facilityStyle[l]?.color,
                        marginInlineEnd: 4,
                      }}
                    />
                    {t(`enum.facilityLevel.${l}`)}
                  </span>
                ),
              }))}
          />
        </Flex>
      )}
      <Flex wrap gap={16} align="stretch">
        <div
          style={{
            flex: '3 1 320px',
            minWidth: 0,
            background: '#fff',
            border: '1px solid #e6ebe9',
            borderRadius: 8,
          }}
        >
          <MapChart
            model={model}
            height={height}
            label={t('map.chartLabel', { areas: model.areas.length, facilities: model.facilities.length })}
            layers={layers}
            focus={focus}
            highlightFacilityIds={highlightFacilityIds}
            onFacilityClick={(id) => onFacilityClick?.(id, model)}
            onAreaClick={(area) => {
              const county = model.counties.find(
                (c) => c.key === area.key || c.rings.some((r) => pointInRing(area.center, r)),
              );
              choose(county?.key ?? area.key);
            }}
          />
        </div>
        {aside ? <div style={{ flex: '1 1 240px', minWidth: 0 }}>{aside(model, focus)}</div> : null}
      </Flex>
      {controls ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('map.hint')}
        </Typography.Text>
      ) : (
        <Flex wrap gap={12}>
          {allLevels
            .filter((l) => model.facilities.some((f) => f.level === l))
            .map((l) => (
              <span key={l} style={{ fontSize: 12 }}>
                <span
                  aria-hidden="true"
                  style={{
                    display: 'inline-block',
                    width: 8,
                    height: 8,
                    borderRadius: 4,
                    background: facilityStyle[l]?.color,
                    marginInlineEnd: 4,
                  }}
                />
                {t(`enum.facilityLevel.${l}`)}
              </span>
            ))}
        </Flex>
      )}
    </Flex>
  );
}

function pointInRing([x, y]: [number, number], ring: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
