import { Input, Select, Tabs, TreeSelect } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { facilityLevels } from '../../../../../src/db/schema';
import { DataTable } from '../../../components/DataTable';
import { useListState } from '../../../components/list-state';
import { PageHeader } from '../../../components/PageHeader';
import { type Facility, useLocalName, useRegions } from '../../../components/reference';
import { LoadingState } from '../../../components/states';
import { formatNumber } from '../../../i18n/format';

// The map (and ECharts with it) loads only when its tab is opened.
const RegionMap = lazy(() =>
  import('../../../components/charts/RegionMap').then((m) => ({ default: m.RegionMap })),
);

const filterNames = ['q', 'level', 'regionId', 'view'] as const;

/** Facilities (where care is given) as a server-paged table, and on the region map. */
export default function FacilitiesPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const [state, update] = useListState(filterNames, { sort: 'name' });
  const regions = useRegions();
  const { view, ...filters } = state.filters;

  const regionTree = useMemo(() => {
    const all = regions.data ?? [];
    return all
      .filter((r) => r.level === 'county')
      .map((c) => ({
        value: c.id,
        title: local(c.name, c.nameEn),
        children: all
          .filter((r) => r.parentId === c.id)
          .map((tw) => ({ value: tw.id, title: local(tw.name, tw.nameEn) })),
      }));
  }, [regions.data, local]);

  const columns: ColumnsType<Facility> = [
    {
      key: 'name',
      title: t('facilities.name'),
      dataIndex: 'name',
      sorter: true,
      render: (_, f) => local(f.name, f.nameEn),
      fixed: 'left',
    },
    { key: 'code', title: t('facilities.code'), dataIndex: 'code', sorter: true, responsive: ['md'] },
    {
      key: 'level',
      title: t('facilities.level'),
      dataIndex: 'level',
      sorter: true,
      render: (l: string) => t(`enum.facilityLevel.${l}`),
    },
    {
      key: 'county',
      title: t('facilities.county'),
      dataIndex: 'countyName',
      responsive: ['sm'],
      render: (v: string | null) => v ?? '—',
    },
    { key: 'region', title: t('facilities.region'), dataIndex: 'regionName', responsive: ['lg'] },
    {
      key: 'travelHoursToSeat',
      title: t('facilities.travelHours'),
      dataIndex: 'travelHoursToSeat',
      sorter: true,
      align: 'right',
      render: (h: number) => t('facilities.hours', { hours: formatNumber(h, 1) }),
    },
    {
      key: 'beds',
      title: t('facilities.beds'),
      dataIndex: 'beds',
      align: 'right',
      responsive: ['md'],
      render: (b: number | null) => formatNumber(b),
    },
  ];

  const list = (
    <>
      <search className="filters">
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('facilities.search')}
          aria-label={t('facilities.search')}
          onSearch={(q) => update({ q })}
        />
        <Select
          allowClear
          value={filters.level}
          placeholder={t('facilities.allLevels')}
          aria-label={t('facilities.level')}
          onChange={(level) => update({ level })}
          options={facilityLevels.map((l) => ({ value: l, label: t(`enum.facilityLevel.${l}`) }))}
        />
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          value={filters.regionId}
          placeholder={t('facilities.allRegions')}
          aria-label={t('facilities.region')}
          treeData={regionTree}
          onChange={(regionId) => update({ regionId })}
        />
      </search>
      <DataTable<Facility>
        path="/facilities"
        label={t('nav.facilities')}
        state={{ ...state, filters }}
        onChange={update}
        columns={columns}
        rowKey="id"
        emptyText={t('facilities.empty')}
      />
    </>
  );

  return (
    <>
      <PageHeader title={t('nav.facilities')} subtitle={t('facilities.subtitle')} />
      <Tabs
        activeKey={view === 'map' ? 'map' : 'list'}
        onChange={(key) => update({ view: key === 'map' ? 'map' : undefined })}
        items={[
          { key: 'list', label: t('facilities.tabList'), children: list },
          {
            key: 'map',
            label: t('facilities.tabMap'),
            children: (
              <Suspense fallback={<LoadingState />}>
                <RegionMap
                  height={560}
                  onFacilityClick={(id, model) => {
                    const f = model.facilities.find((x) => x.id === id);
                    if (f) update({ q: f.name, view: undefined });
                  }}
                />
              </Suspense>
            ),
          },
        ]}
      />
    </>
  );
}
