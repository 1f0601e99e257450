import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { EChart } from '../../components/charts/EChart';
import type { EChartsOption } from '../../components/charts/echarts';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate, formatNumber } from '../../i18n/format';
import { kindKey, type PublicOverview } from './types';
import { type EntryVerification, verifyEntry } from './verify-entry';

type Achievement = PublicOverview['recent'][number];

function BatchFigures({ batches }: { batches: PublicOverview['batches'] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsOption>(() => {
    type Batch = PublicOverview['batches'][number];
    const figures: [string, (b: Batch) => number | null][] = [
      ['needsResolved', (b) => b.needsResolved],
      ['needsWitnessed', (b) => b.needsWitnessed],
      ['apprenticesLevel4', (b) => b.apprenticesLevel4],
      ['teachingActivities', (b) => b.teachingActivities],
    ];
    const series = figures.map(([key, value]) => ({
      type: 'bar' as const,
      name: t(`transparency.figure.${key}`),
      data: batches.map((b) => value(b) ?? 0),
    }));
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: batches.map((b) => t('transparency.batch', { number: b.number })) },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    };
  }, [batches, t]);
  return (
    <EChart option={option} height={320} label={t('transparency.figuresLabel')} testId="batch-figures" />
  );
}

function VerificationResult({ result }: { result: EntryVerification }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="verify-result"
        message={t('transparency.verified', { index: result.index, size: result.size })}
        description={
          <>
            <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="verify-signature">
              {t('transparency.signedBy', { name: result.key.name, keyId: result.key.keyId })}
            </Typography.Paragraph>
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {result.root}
            </Typography.Text>
          </>
        }
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="verify-result"
      message={t(`transparency.verifyFailed.${result.reason}`, { index: result.index })}
    />
  );
}

/** The public transparency page (no login): figures per batch, recent witnessed achievements, the latest checkpoint. */
export default function TransparencyPage() {
  const { t, i18n } = useTranslation();
  const overview = useQuery({
    queryKey: ['/public/overview'],
    queryFn: () => api<PublicOverview>('/public/overview'),
  });
  const [checking, setChecking] = useState<number | null>(null);
  const [result, setResult] = useState<EntryVerification | null>(null);

  const check = async (index: number) => {
    setChecking(index);
    setResult(null);
    setResult(await verifyEntry(index, overview.data?.programme.code));
    setChecking(null);
  };

  if (overview.error) return <ErrorState error={overview.error} onRetry={() => overview.refetch()} />;
  const data = overview.data;
  if (!data) return <LoadingState />;
  const columns: ColumnsType<Achievement> = [
    {
      key: 'kind',
      title: t('transparency.column.kind'),
      render: (_, a) => t(`witness.kind.${kindKey(a.kind)}`),
    },
    {
      key: 'specialty',
      title: t('transparency.column.specialty'),
      render: (_, a) =>
        a.specialtyName
          ? i18n.language === 'en'
            ? a.specialtyName.en
            : a.specialtyName.zh
          : (a.specialtyCode ?? '—'),
    },
    { key: 'county', title: t('transparency.column.county'), dataIndex: 'countyName' },
    {
      key: 'batch',
      title: t('transparency.column.batch'),
      render: (_, a) => (a.batchNumber === null ? '—' : t('transparency.batch', { number: a.batchNumber })),
    },
    { key: 'on', title: t('transparency.column.on'), render: (_, a) => formatDate(a.on) },
    {
      key: 'witnessedAt',
      title: t('transparency.column.witnessedAt'),
      render: (_, a) => formatDate(a.witnessedAt),
    },
    { key: 'logIndex', title: t('transparency.column.logIndex'), align: 'right', dataIndex: 'logIndex' },
    {
      key: 'verify',
      title: t('table.actions'),
      render: (_, a) => (
        <Button
          size="small"
          icon={<SafetyCertificateOutlined />}
          loading={checking === a.logIndex}
          onClick={() => check(a.logIndex)}
          data-testid={`verify-${a.logIndex}`}
        >
          {t('transparency.verify')}
        </Button>
      ),
    },
  ];

  return (
    <main style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <header className="page-header">
        <div style={{ minWidth: 0 }}>
          <h1>{t('transparency.title')}</h1>
          <Typography.Text type="secondary">
            {t('transparency.subtitle', { programme: data.programme.name })}
          </Typography.Text>
        </div>
        <Link to="/login">{t('transparency.login')}</Link>
      </header>
      <Flex vertical gap={16}>
        <Card title={t('transparency.figures')}>
          <BatchFigures batches={data.batches} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('transparency.figuresNote', {
              resolved: formatNumber(data.batches.reduce((n, b) => n + b.needsResolved, 0)),
              witnessed: formatNumber(data.batches.reduce((n, b) => n + b.needsWitnessed, 0)),
            })}
          </Typography.Paragraph>
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Card title={t('transparency.recent')}>
              {result ? <VerificationResult result={result} /> : null}
              <Table
                rowKey="logIndex"
                size="small"
                columns={columns}
                dataSource={data.recent}
                pagination={false}
                scroll={{ x: true }}
                locale={{ emptyText: t('transparency.noRecent') }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card title={t('transparency.checkpoint')}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('transparency.origin')}>
                  {data.checkpoint.origin}
                </Descriptions.Item>
                <Descriptions.Item label={t('transparency.size')}>
                  <span data-testid="checkpoint-size">{formatNumber(data.checkpoint.size)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('transparency.root')}>
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {data.checkpoint.rootHash}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
              <pre style={{ fontSize: 11, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {data.checkpoint.note}
              </pre>
              <Typography.Paragraph type="secondary">{t('transparency.howTo')}</Typography.Paragraph>
            </Card>
          </Col>
        </Row>
      </Flex>
    </main>
  );
}
