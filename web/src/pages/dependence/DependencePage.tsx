import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiUrl } from '../../app/api';
import { EChart } from '../../components/charts/EChart';
import type { EChartsOption } from '../../components/charts/echarts';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { formatNumber } from '../../i18n/format';

type Stage = 'dependent' | 'assisted' | 'co_developing';
const stages: Stage[] = ['dependent', 'assisted', 'co_developing'];
const stageColour: Record<Stage, string> = {
  dependent: '#cf1322',
  assisted: '#fa8c16',
  co_developing: '#389e0d',
};
type Reason = { code: string; [k: string]: unknown };
type Risk = {
  facilityId: string;
  facilityName: string;
  countyName: string | null;
  service: string;
  population: number;
  localShare: number | null;
  latestDip: number | null;
  singlePointOfFailure: boolean;
  stage: Stage;
  reasons: Reason[];
  needs: { competencies: { id: string; name: string }[]; startMentorship: boolean };
};
type Dashboard = {
  on: string;
  services: Risk[];
  risks: Risk[];
  byCounty: ({ countyId: string | null; countyName: string | null } & Record<Stage, number>)[];
  batches: { batchId: string; name: string; localShare: number | null }[];
};

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, 1)}%`);

/** 依赖与可持续: stages by county, batch-over-batch local share, and the risk list with what each needs. */
export default function DependencePage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['/dependence'], queryFn: () => api<Dashboard>('/dependence') });
  const d = q.data;

  const countyOption = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: stages.map((s) => t(`dependence.stage.${s}`)) },
      xAxis: { type: 'category', data: (d?.byCounty ?? []).map((c) => c.countyName ?? '—') },
      yAxis: { type: 'value', name: t('dependence.services') },
      series: stages.map((s) => ({
        name: t(`dependence.stage.${s}`),
        type: 'bar',
        stack: 'stage',
        itemStyle: { color: stageColour[s] },
        data: (d?.byCounty ?? []).map((c) => c[s]),
      })),
    }),
    [d, t],
  );
  const trendOption = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: (d?.batches ?? []).map((b) => b.name) },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      series: [
        {
          name: t('dependence.localShare'),
          type: 'bar',
          data: (d?.batches ?? []).map((b) => b.localShare),
        },
      ],
    }),
    [d, t],
  );

  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!d) return <LoadingState />;

  const columns: ColumnsType<Risk> = [
    { key: 'population', title: t('dependence.population'), render: (_, r) => formatNumber(r.population) },
    { key: 'county', title: t('dependence.county'), render: (_, r) => r.countyName ?? '—' },
    { key: 'facility', title: t('dependence.facility'), render: (_, r) => r.facilityName },
    { key: 'service', title: t('dependence.service'), render: (_, r) => r.service },
    {
      key: 'stage',
      title: t('dependence.stageColumn'),
      render: (_, r) => <Tag color={stageColour[r.stage]}>{t(`dependence.stage.${r.stage}`)}</Tag>,
    },
    { key: 'share', title: t('dependence.localShare'), render: (_, r) => pct(r.localShare) },
    {
      key: 'why',
      title: t('dependence.reasons'),
      render: (_, r) => (
        <Space size={4} wrap>
          {r.singlePointOfFailure ? (
            <Tag color="red">{t('dependence.reason.single_point_of_failure')}</Tag>
          ) : null}
          {r.latestDip !== null && r.latestDip > 0.15 ? (
            <Tag color="orange">{t('dependence.dip', { value: pct(r.latestDip) })}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'needs',
      title: t('dependence.needs'),
      render: (_, r) => (
        <Space size={4} wrap>
          {r.needs.startMentorship ? <Tag color="purple">{t('dependence.startMentorship')}</Tag> : null}
          {r.needs.competencies.slice(0, 3).map((c) => (
            <Tag key={c.id}>{t('dependence.teach', { name: c.name })}</Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.dependence')}
        subtitle={t('dependence.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={apiUrl('/dependence/report.xlsx')}>
            {t('dependence.report')}
          </Button>
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <Card title={t('dependence.byCounty')}>
            <EChart option={countyOption} height={300} label={t('dependence.byCounty')} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dependence.trend')}>
            <EChart option={trendOption} height={300} label={t('dependence.trend')} />
          </Card>
        </Col>
      </Row>
      <Card title={t('dependence.risks')}>
        <Table
          rowKey={(r) => `${r.facilityId}|${r.service}`}
          size="middle"
          columns={columns}
          dataSource={d.risks}
          scroll={{ x: true }}
          locale={{ emptyText: t('dependence.noRisks') }}
          data-testid="dependence-risks"
        />
      </Card>
    </>
  );
}
