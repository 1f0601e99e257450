import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, List, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, apiUrl, type Page } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { useLocalName, useSpecialties } from '../../components/reference';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useMapModel } from '../../geo/use-geo';
import { formatNumber } from '../../i18n/format';
import { type Need, statusColor } from '../needs/types';
import { CoverageMap } from './CoverageMap';
import type { Coverage, DeployedExpert, TownshipCoverage } from './types';

const panel = { background: '#fff', border: '1px solid #e6ebe9', borderRadius: 8, padding: 16 };

/** The open needs of one township, most urgent first. */
function TownshipNeeds({ row, specialtyCode }: { row: TownshipCoverage; specialtyCode: string | undefined }) {
  const { t } = useTranslation();
  const needs = useQuery({
    queryKey: ['/needs', 'township', row.townshipId, specialtyCode],
    queryFn: () =>
      api<Page<Need>>('/needs', {
        query: { regionId: row.townshipId, specialtyCode, sort: 'priority', order: 'desc', pageSize: 50 },
      }),
  });
  return (
    <section style={panel} aria-label={row.townshipName} data-testid="township-needs">
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
        {row.townshipName} <Typography.Text type="secondary">{row.countyName}</Typography.Text>
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('coverage.townshipLine', {
          population: formatNumber(row.population),
          hours: row.hours === null ? '—' : formatNumber(row.hours, 1),
          provider: row.nearestProviderName ?? '—',
        })}
      </Typography.Paragraph>
      <List
        size="small"
        loading={needs.isLoading}
        dataSource={needs.data?.items ?? []}
        locale={{ emptyText: t('coverage.noNeeds') }}
        renderItem={(n) => (
          <List.Item>
            <Link to={`/needs?need=${n.id}`}>{n.title}</Link>
            <span>
              <Tag color={statusColor[n.status]}>{t(`needs.statuses.${n.status}`)}</Tag>
              {formatNumber(n.priority.score, 1)}
            </span>
          </List.Item>
        )}
      />
    </section>
  );
}

/** The last mile: townships shaded by unmet need, travel time to the nearest provider, the least served. */
export default function CoveragePage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const [params, setParams] = useSearchParams();
  const specialtyCode = params.get('specialty') ?? undefined;
  const selected = params.get('township');
  const set = useCallback(
    (key: string, value: string | undefined) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const specialties = useSpecialties();
  const model = useMapModel();
  const coverage = useQuery({
    queryKey: ['/coverage', specialtyCode],
    queryFn: () => api<Coverage>('/coverage', { query: { specialtyCode } }),
  });
  const experts = useQuery({
    queryKey: ['/coverage/experts', specialtyCode],
    queryFn: () =>
      api<{ items: DeployedExpert[] }>('/coverage/experts', { query: { specialtyCode } }).then(
        (r) => r.items,
      ),
  });
  const onTownshipClick = useCallback((id: string) => set('township', id), [set]);

  const columns: ColumnsType<TownshipCoverage> = [
    { key: 'township', title: t('coverage.township'), dataIndex: 'townshipName' },
    { key: 'county', title: t('coverage.county'), dataIndex: 'countyName', responsive: ['md'] },
    {
      key: 'unmet',
      title: t('coverage.unmetPriority'),
      dataIndex: 'unmetPriority',
      align: 'right',
      render: (v: number) => formatNumber(v, 1),
    },
    { key: 'open', title: t('coverage.openNeeds'), dataIndex: 'openNeeds', align: 'right' },
    {
      key: 'hours',
      title: t('coverage.hours'),
      dataIndex: 'hours',
      align: 'right',
      render: (h: number | null) => (h === null ? '—' : formatNumber(h, 1)),
    },
    {
      key: 'pop',
      title: t('coverage.population'),
      dataIndex: 'population',
      align: 'right',
      responsive: ['lg'],
      render: (p: number) => formatNumber(p),
    },
  ];

  const rows = coverage.data?.townships ?? [];
  const selectedRow = rows.find((r) => r.townshipId === selected) ?? null;
  const mapModel = model.data?.areas.length ? model.data : null;
  return (
    <>
      <PageHeader
        title={t('nav.coverage')}
        subtitle={t('coverage.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={apiUrl('/coverage/export.xlsx', { specialtyCode })}>
            {t('action.export')}
          </Button>
        }
      />
      <search className="filters">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 200 }}
          value={specialtyCode}
          placeholder={t('coverage.allSpecialties')}
          aria-label={t('coverage.specialty')}
          data-testid="coverage-specialty"
          onChange={(v) => set('specialty', v)}
          options={(specialties.data ?? []).map((s) => ({ value: s.code, label: local(s.nameZh, s.nameEn) }))}
        />
      </search>
      {coverage.error ? <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} /> : null}
      {coverage.data?.shares ? (
        <Flex wrap gap={24} style={{ marginBottom: 12 }} aria-label={t('coverage.shares')}>
          {coverage.data.shares.within.map((w) => (
            <Statistic
              key={w.hours}
              title={t('coverage.within', { hours: w.hours })}
              value={formatNumber(w.share * 100, 1)}
              suffix="%"
            />
          ))}
        </Flex>
      ) : (
        <Typography.Paragraph type="secondary">{t('coverage.chooseSpecialty')}</Typography.Paragraph>
      )}
      <Flex wrap gap={16} align="stretch">
        <div style={{ flex: '3 1 360px', minWidth: 0, ...panel, padding: 0 }}>
          {model.isLoading || coverage.isLoading ? (
            <LoadingState label={t('map.loading')} />
          ) : mapModel ? (
            <CoverageMap
              model={mapModel}
              townships={rows}
              experts={experts.data ?? []}
              selected={selected}
              onTownshipClick={onTownshipClick}
            />
          ) : (
            <EmptyState description={t('map.empty')} />
          )}
        </div>
        <Flex vertical gap={12} style={{ flex: '2 1 320px', minWidth: 0 }}>
          {selectedRow ? <TownshipNeeds row={selectedRow} specialtyCode={specialtyCode} /> : null}
          <section style={panel} aria-label={t('coverage.leastServed')}>
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
              {t('coverage.leastServed')}
            </Typography.Title>
            <Table<TownshipCoverage>
              size="small"
              rowKey="townshipId"
              columns={columns}
              dataSource={rows}
              loading={coverage.isFetching}
              pagination={{ pageSize: 10, showSizeChanger: false }}
              onRow={(r) => ({ onClick: () => set('township', r.townshipId), style: { cursor: 'pointer' } })}
              data-testid="least-served"
            />
          </section>
        </Flex>
      </Flex>
    </>
  );
}
