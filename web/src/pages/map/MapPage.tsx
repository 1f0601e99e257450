import { Button, Descriptions, Flex, Grid, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RegionMap } from '../../components/charts/RegionMap';
import { PageHeader } from '../../components/PageHeader';
import type { Area, MapFacility, MapModel } from '../../geo/model';
import { formatNumber } from '../../i18n/format';

function inArea(point: [number, number], area: Area): boolean {
  return area.rings.some((ring) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi)
        inside = !inside;
    }
    return inside;
  });
}

/** What is selected on the map: the county (or whole region) and a facility. */
function Details({
  model,
  focus,
  facility,
}: {
  model: MapModel;
  focus: Area | null;
  facility: MapFacility | null;
}) {
  const { t, i18n } = useTranslation();
  const facilities = focus ? model.facilities.filter((f) => inArea(f.coord, focus)) : model.facilities;
  const count = (level: string) => facilities.filter((f) => f.level === level).length;
  const townships =
    focus && model.areaLevel === 'township'
      ? model.areas.filter((a) => inArea(a.center, focus)).length
      : null;
  const name = focus
    ? i18n.language === 'en' && focus.nameEn
      ? focus.nameEn
      : focus.name
    : t('map.wholeRegion');
  return (
    <Flex vertical gap={12} data-testid="map-details">
      <section
        aria-label={t('map.selectedArea')}
        style={{ background: '#fff', border: '1px solid #e6ebe9', borderRadius: 8, padding: 16 }}
      >
        <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
          {name}
        </Typography.Title>
        <Descriptions
          column={1}
          size="small"
          items={[
            ...(focus?.population
              ? [{ key: 'pop', label: t('map.population'), children: formatNumber(focus.population) }]
              : []),
            ...(townships !== null
              ? [{ key: 'tw', label: t('map.townships'), children: formatNumber(townships) }]
              : []),
            { key: 'all', label: t('map.facilitiesHere'), children: formatNumber(facilities.length) },
            {
              key: 'ch',
              label: t('enum.facilityLevel.county_hospital'),
              children: formatNumber(count('county_hospital')),
            },
            {
              key: 'th',
              label: t('enum.facilityLevel.township_health_centre'),
              children: formatNumber(count('township_health_centre')),
            },
            {
              key: 'vc',
              label: t('enum.facilityLevel.village_clinic'),
              children: formatNumber(count('village_clinic')),
            },
          ]}
        />
        {focus?.regionId ? (
          <Link to={`/facilities?regionId=${focus.regionId}`}>
            <Button size="small">{t('map.listFacilities')}</Button>
          </Link>
        ) : null}
      </section>
      {facility ? (
        <section
          aria-label={t('map.selectedFacility')}
          style={{ background: '#fff', border: '1px solid #e6ebe9', borderRadius: 8, padding: 16 }}
        >
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
            {facility.name}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t(`enum.facilityLevel.${facility.level}`, { defaultValue: facility.level })}
          </Typography.Paragraph>
          <Link to={`/facilities?q=${encodeURIComponent(facility.name)}`}>
            <Button size="small">{t('map.openFacility')}</Button>
          </Link>
        </section>
      ) : null}
    </Flex>
  );
}

/** The region map: county and township boundaries, roads and facilities, drawn without internet tiles. */
export default function MapPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [facility, setFacility] = useState<MapFacility | null>(null);
  return (
    <>
      <PageHeader title={t('nav.map')} subtitle={t('map.subtitle')} />
      <RegionMap
        height={screens.md ? 620 : 420}
        onFacilityClick={(id, model) => setFacility(model.facilities.find((f) => f.id === id) ?? null)}
        onAreaChange={() => setFacility(null)}
        highlightFacilityIds={facility ? new Set([facility.id]) : undefined}
        aside={(model, focus) => <Details model={model} focus={focus} facility={facility} />}
      />
    </>
  );
}
