import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { EChart } from '../../components/charts/EChart';
import { RegionMap } from '../../components/charts/RegionMap';
import { PageHeader } from '../../components/PageHeader';
import { useLocalName, useRegions } from '../../components/reference';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { daysBetween, formatDate, formatNumber } from '../../i18n/format';

/** `GET /api/dashboard/overview`. */
type Overview = {
  programme: {
    id: string;
    name: string;
    nameEn?: string | null;
    supporterRegion: string;
    recipientRegion: string;
    startedOn?: string;
  };
  currentBatch: { id: string; number: number; name: string; startsOn: string; endsOn: string } | null;
  counts: {
    expertsOnSite: number;
    expertsAllTime: number;
    localStaff: number;
    facilities: number;
    townships: number;
    batches: number;
  };
  expertsOnSiteByCounty: { countyId: string; countyName: string; experts: number }[];
};

const countKeys = [
  'expertsOnSite',
  'expertsAllTime',
  'localStaff',
  'facilities',
  'townships',
  'batches',
] as const;

function ExpertsByCounty({ rows: raw }: { rows: Overview['expertsOnSiteByCounty'] }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const local = useLocalName();
  // The overview names counties in Chinese; the region list has their English names too.
  const rows = useMemo(
    () =>
      raw.map((r) => {
        const region = regions.data?.find((x) => x.id === r.countyId);
        return { ...r, countyName: region ? local(region.name, region.nameEn) : r.countyName };
      }),
    [raw, regions.data, local],
  );
  const option = useMemo(
    () => ({
      aria: { enabled: true },
      animation: false,
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.countyName), inverse: true },
      series: [
        {
          type: 'bar',
          name: t('home.expertsOnSite'),
          data: rows.map((r) => r.experts),
          itemStyle: { color: '#0b6e4f', borderRadius: [0, 4, 4, 0] },
          barMaxWidth: 28,
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number }) => formatNumber(p.value),
          },
        },
      ],
    }),
    [rows, t],
  );
  if (rows.length === 0) return <EmptyState description={t('home.noExpertsOnSite')} />;
  return (
    <EChart
      option={option}
      height={Math.max(160, rows.length * 44 + 24)}
      label={t('home.byCountyLabel', { list: rows.map((r) => `${r.countyName} ${r.experts}`).join('，') })}
      testId="experts-by-county"
    />
  );
}

/** The commander's home page: the programme at a glance. */
export default function HomePage() {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['dashboard', 'overview'],
    queryFn: ({ signal }) => api<Overview>('/dashboard/overview', { signal }),
  });
  if (query.isLoading) return <LoadingState />;
  if (query.error || !query.data)
    return (
      <>
        <PageHeader title={t('nav.home')} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  const { programme, currentBatch, counts, expertsOnSiteByCounty } = query.data;
  const name = i18n.language === 'en' && programme.nameEn ? programme.nameEn : programme.name;
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title={name}
        subtitle={t('home.subtitle', {
          supporter: programme.supporterRegion,
          recipient: programme.recipientRegion,
          since: formatDate(programme.startedOn),
        })}
      />
      <Flex vertical gap={16}>
        <Card size="small" title={t('home.currentBatch')}>
          {currentBatch ? (
            <Flex wrap gap={12} align="center" data-testid="current-batch">
              <Typography.Text strong style={{ fontSize: 18 }}>
                {t('batches.numbered', { number: currentBatch.number, name: currentBatch.name })}
              </Typography.Text>
              <Tag color="green">{t('batches.current')}</Tag>
              <Typography.Text>
                {t('batches.period', {
                  from: formatDate(currentBatch.startsOn),
                  to: formatDate(currentBatch.endsOn),
                })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('home.daysLeft', {
                  count: Math.max(0, daysBetween(today, currentBatch.endsOn) - 1),
                  formatted: formatNumber(Math.max(0, daysBetween(today, currentBatch.endsOn) - 1)),
                })}
              </Typography.Text>
              <Link to={`/batches?batchId=${currentBatch.id}`}>{t('home.openBatch')}</Link>
            </Flex>
          ) : (
            <EmptyState description={t('home.noCurrentBatch')} />
          )}
        </Card>
        <Row gutter={[12, 12]}>
          {countKeys.map((key) => (
            <Col key={key} xs={12} sm={8} lg={4}>
              <Card size="small">
                <Statistic
                  title={t(`home.count.${key}`)}
                  value={counts[key]}
                  formatter={(v) => formatNumber(Number(v))}
                />
              </Card>
            </Col>
          ))}
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={9}>
            <Card size="small" title={t('home.byCounty')} style={{ height: '100%' }}>
              <ExpertsByCounty rows={expertsOnSiteByCounty} />
              <Link to="/deployments">{t('home.openDeployments')}</Link>
            </Card>
          </Col>
          <Col xs={24} lg={15}>
            <Card size="small" title={t('home.mapTitle')} extra={<Link to="/map">{t('home.openMap')}</Link>}>
              <RegionMap height={380} controls={false} />
            </Card>
          </Col>
        </Row>
      </Flex>
    </>
  );
}
