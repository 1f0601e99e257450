import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { formatDate, formatNumber } from '../../i18n/format';
import { ProposalStatusTag, percent, score, useExpertName } from './shared';
import { type Comparison, isRunning, type Proposal, type ProposalListItem } from './types';

type Difference = Comparison['differences'][number];

/** 方案对比: two proposals side by side — score, gap, needs served — and the needs whose expert differs. */
export default function ComparePage() {
  const { t } = useTranslation();
  const expertName = useExpertName();
  const [params, setParams] = useSearchParams();
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const list = useQuery({
    queryKey: ['/matching/proposals'],
    queryFn: () => api<{ items: ProposalListItem[] }>('/matching/proposals').then((r) => r.items),
  });
  const cmp = useQuery({
    queryKey: ['/matching/compare', a, b],
    queryFn: () => api<Comparison>('/matching/compare', { query: { a, b } }),
    enabled: !!a && !!b,
  });
  const options = (list.data ?? [])
    .filter((p) => !isRunning(p.status) && p.status !== 'failed')
    .map((p) => ({
      value: p.id,
      label: `${p.batchName} · ${formatDate(p.createdAt)} ${new Date(p.createdAt).toLocaleTimeString()} · ${t(`matching.status.${p.status}`)}`,
    }));
  const pick = (side: 'a' | 'b', id: string) => {
    const next = new URLSearchParams(params);
    next.set(side, id);
    setParams(next);
  };

  const side = (label: string, p: Proposal) => (
    <Card
      title={
        <Space>
          {label}
          <Link to={`/proposals/${p.id}`}>
            {formatDate(p.createdAt)} {new Date(p.createdAt).toLocaleTimeString()}
          </Link>
          <ProposalStatusTag status={p.status} />
        </Space>
      }
      data-testid={`compare-${label}`}
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('matching.objective')}>{score(p.objective)}</Descriptions.Item>
        <Descriptions.Item label={t('matching.bound')}>{score(p.bound)}</Descriptions.Item>
        <Descriptions.Item label={t('matching.gap')}>{percent(p.gap)}</Descriptions.Item>
        <Descriptions.Item label={t('matching.column.teams')}>
          {formatNumber(p.teams.length)}
        </Descriptions.Item>
        <Descriptions.Item label={t('matching.column.served')}>
          {t('matching.servedOf', { served: p.assignments.length, total: p.summary?.needs ?? 0 })}
        </Descriptions.Item>
        <Descriptions.Item label={t('matching.priorityServed')}>
          {score(p.summary?.priorityServed)}
        </Descriptions.Item>
        <Descriptions.Item label={t('matching.rulesPinned')}>{p.rules.pins.length}</Descriptions.Item>
        <Descriptions.Item label={t('matching.rulesForbidden')}>{p.rules.forbids.length}</Descriptions.Item>
      </Descriptions>
    </Card>
  );

  const columns: ColumnsType<Difference> = [
    { key: 'need', title: t('matching.need'), dataIndex: 'needTitle' },
    {
      key: 'a',
      title: t('matching.compareA'),
      render: (_, d) =>
        d.a ? expertName(d.a) : <Typography.Text type="warning">{t('matching.notServed')}</Typography.Text>,
    },
    {
      key: 'b',
      title: t('matching.compareB'),
      render: (_, d) =>
        d.b ? expertName(d.b) : <Typography.Text type="warning">{t('matching.notServed')}</Typography.Text>,
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.proposalCompare')} subtitle={t('matching.compareSubtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            style={{ minWidth: 320 }}
            value={a || undefined}
            placeholder={t('matching.compareA')}
            aria-label={t('matching.compareA')}
            options={options}
            onChange={(v) => pick('a', v)}
          />
          <Select
            style={{ minWidth: 320 }}
            value={b || undefined}
            placeholder={t('matching.compareB')}
            aria-label={t('matching.compareB')}
            options={options}
            onChange={(v) => pick('b', v)}
          />
        </Space>
      </Card>
      {!a || !b ? (
        <EmptyState description={t('matching.comparePick')} />
      ) : cmp.error ? (
        <ErrorState error={cmp.error} onRetry={() => cmp.refetch()} />
      ) : !cmp.data ? (
        <LoadingState />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} md={12}>
              {side(t('matching.compareA'), cmp.data.a)}
            </Col>
            <Col xs={24} md={12}>
              {side(t('matching.compareB'), cmp.data.b)}
            </Col>
          </Row>
          <Card title={t('matching.differencesTitle', { count: cmp.data.differences.length })}>
            <Table
              rowKey="needId"
              size="small"
              columns={columns}
              dataSource={cmp.data.differences}
              pagination={cmp.data.differences.length > 50 ? { pageSize: 50 } : false}
              locale={{ emptyText: t('matching.noDifferences') }}
              data-testid="differences"
            />
          </Card>
        </>
      )}
    </>
  );
}
