import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Page } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { formatDate } from '../../i18n/format';
import { kindKey } from '../transparency/types';
import type { QueueItem } from './types';

/** 待我见证: records waiting for the witness of the account's party, oldest first. */
export default function WitnessQueuePage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const queue = useQuery({
    queryKey: ['/witness/queue', page],
    queryFn: () => api<Page<QueueItem>>('/witness/queue', { query: { page, pageSize } }),
  });
  const columns: ColumnsType<QueueItem> = [
    { key: 'kind', title: t('witness.column.kind'), render: (_, i) => t(`witness.kind.${kindKey(i.kind)}`) },
    {
      key: 'title',
      title: t('witness.column.record'),
      render: (_, i) => <Link to={`/witness/${i.id}`}>{i.record?.title ?? i.recordId}</Link>,
    },
    { key: 'facility', title: t('witness.column.facility'), render: (_, i) => i.record?.facilityName ?? '—' },
    { key: 'county', title: t('witness.column.county'), render: (_, i) => i.record?.countyName ?? '—' },
    { key: 'on', title: t('witness.column.on'), render: (_, i) => formatDate(i.record?.on) },
    { key: 'opened', title: t('witness.column.openedAt'), render: (_, i) => formatDate(i.openedAt) },
    {
      key: 'party',
      title: t('witness.column.party'),
      render: (_, i) => (
        <Tag>
          {t(`witness.party.${i.party}`)}
          {i.round > 1 ? ` · ${t('witness.round', { round: i.round })}` : ''}
        </Tag>
      ),
    },
    {
      key: 'open',
      title: t('table.actions'),
      render: (_, i) => (
        <Link to={`/witness/${i.id}`} data-testid={`witness-open-${i.recordId}`}>
          {t('witness.review')}
        </Link>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.witness')} subtitle={t('witness.subtitle')} />
      <Card>
        {queue.error ? (
          <ErrorState error={queue.error} onRetry={() => queue.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            loading={queue.isLoading}
            columns={columns}
            dataSource={queue.data?.items ?? []}
            scroll={{ x: true }}
            locale={{ emptyText: t('witness.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: queue.data?.total ?? 0,
              onChange: setPage,
              showTotal: (total) => t('witness.total', { count: total }),
            }}
          />
        )}
      </Card>
    </>
  );
}
