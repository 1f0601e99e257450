import { Card, Flex, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { useListState } from '../../../components/list-state';
import { PageHeader } from '../../../components/PageHeader';
import { type Batch, useAllBatches } from '../../../components/reference';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDate, formatNumber } from '../../../i18n/format';
import { BatchesTimeline, DeploymentsPerHospital } from './BatchTimelines';

const filterNames = ['batchId'] as const;

function BatchStatus({ batch }: { batch: Batch }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  if (batch.current) return <Tag color="green">{t('batches.current')}</Tag>;
  if (batch.startsOn > today) return <Tag color="blue">{t('batches.upcoming')}</Tag>;
  return <Tag>{t('batches.finished')}</Tag>;
}

/** Batches as a timeline, and the chosen batch's deployments per hospital. */
export default function BatchesPage() {
  const { t } = useTranslation();
  const [state, update] = useListState(filterNames, { sort: 'number', order: 'desc', pageSize: 10 });
  const batches = useAllBatches();
  const all = batches.data ?? [];
  const selected =
    all.find((b) => b.id === state.filters.batchId) ?? all.find((b) => b.current) ?? all[0] ?? null;

  const columns: ColumnsType<Batch> = [
    {
      key: 'number',
      title: t('batches.number'),
      dataIndex: 'number',
      sorter: true,
      render: (n: number) => t('batches.ordinal', { number: n }),
    },
    { key: 'name', title: t('batches.name'), dataIndex: 'name' },
    {
      key: 'startsOn',
      title: t('batches.startsOn'),
      dataIndex: 'startsOn',
      sorter: true,
      render: (d: string) => formatDate(d),
    },
    {
      key: 'endsOn',
      title: t('batches.endsOn'),
      dataIndex: 'endsOn',
      responsive: ['sm'],
      render: (d: string) => formatDate(d),
    },
    {
      key: 'deployments',
      title: t('batches.deployments'),
      dataIndex: 'deployments',
      align: 'right',
      render: (n: number) => formatNumber(n),
    },
    { key: 'status', title: t('batches.status'), render: (_, b) => <BatchStatus batch={b} /> },
    {
      key: 'open',
      title: t('table.actions'),
      render: (_, b) => (
        <Flex gap={8} wrap>
          <Link to={`?batchId=${b.id}`} replace>
            {t('batches.showTimeline')}
          </Link>
          <Link to={`/deployments?batchId=${b.id}`}>{t('batches.listDeployments')}</Link>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.batches')} subtitle={t('batches.subtitle')} />
      <Flex vertical gap={16}>
        <Card size="small" title={t('batches.timelineTitle')}>
          {batches.isLoading ? (
            <LoadingState />
          ) : batches.error ? (
            <ErrorState error={batches.error} onRetry={() => void batches.refetch()} />
          ) : all.length === 0 ? (
            <EmptyState description={t('batches.empty')} />
          ) : (
            <BatchesTimeline batches={all} selectedId={selected?.id ?? null} />
          )}
        </Card>
        {selected && (
          <Card
            size="small"
            title={
              <Flex wrap gap={8} align="center">
                <span>{t('batches.perHospitalTitle')}</span>
              </Flex>
            }
            extra={
              <Select
                aria-label={t('batches.choose')}
                value={selected.id}
                style={{ minWidth: 140 }}
                onChange={(batchId) => update({ batchId })}
                options={all.map((b) => ({
                  value: b.id,
                  label: t('batches.numbered', { number: b.number, name: b.name }),
                }))}
                data-testid="batch-select"
              />
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('batches.perHospitalHint', {
                batch: selected.name,
                from: formatDate(selected.startsOn),
                to: formatDate(selected.endsOn),
                count: selected.deployments,
              })}
            </Typography.Paragraph>
            <DeploymentsPerHospital batch={selected} />
          </Card>
        )}
        <DataTable<Batch>
          path="/batches"
          label={t('batches.listLabel')}
          state={{ ...state, filters: {} }}
          onChange={update}
          columns={columns}
          rowKey="id"
          emptyText={t('batches.empty')}
        />
      </Flex>
    </>
  );
}
