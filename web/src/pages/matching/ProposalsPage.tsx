import { DiffOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Progress, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { formatDate, formatNumber } from '../../i18n/format';
import { StartProposalModal } from './StartProposalModal';
import { ProposalStatusTag, percent, score } from './shared';
import { isRunning, type ProposalListItem } from './types';

/** 组团方案: the proposals of the programme, newest first; start one, open one, compare two. */
export default function ProposalsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [starting, setStarting] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const list = useQuery({
    queryKey: ['/matching/proposals'],
    queryFn: () => api<{ items: ProposalListItem[] }>('/matching/proposals').then((r) => r.items),
    refetchInterval: (q) => (q.state.data?.some((p) => isRunning(p.status)) ? 2000 : false),
  });

  const columns: ColumnsType<ProposalListItem> = [
    {
      key: 'createdAt',
      title: t('matching.column.createdAt'),
      render: (_, p) => (
        <Link to={`/proposals/${p.id}`} data-testid="proposal-link">
          {formatDate(p.createdAt)} {new Date(p.createdAt).toLocaleTimeString()}
        </Link>
      ),
    },
    { key: 'batch', title: t('matching.batch'), dataIndex: 'batchName' },
    {
      key: 'status',
      title: t('matching.column.status'),
      render: (_, p) =>
        isRunning(p.status) ? (
          <Space>
            <ProposalStatusTag status={p.status} />
            <Progress percent={Math.round(p.progress * 100)} size="small" style={{ width: 120 }} />
          </Space>
        ) : (
          <ProposalStatusTag status={p.status} />
        ),
    },
    {
      key: 'origin',
      title: t('matching.column.origin'),
      render: (_, p) =>
        p.parentId ? (
          <Link to={`/proposals/${p.parentId}`}>{t('matching.reoptimisedFrom')}</Link>
        ) : (
          t('matching.fresh')
        ),
    },
    { key: 'teams', title: t('matching.column.teams'), render: (_, p) => formatNumber(p.summary?.teams) },
    {
      key: 'served',
      title: t('matching.column.served'),
      render: (_, p) =>
        p.summary ? t('matching.servedOf', { served: p.summary.served, total: p.summary.needs }) : '—',
    },
    { key: 'objective', title: t('matching.objective'), render: (_, p) => score(p.objective) },
    { key: 'gap', title: t('matching.gap'), render: (_, p) => percent(p.gap) },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.proposals')}
        subtitle={t('matching.subtitle')}
        extra={
          <>
            <Button
              icon={<DiffOutlined />}
              disabled={selected.length !== 2}
              onClick={() => navigate(`/proposals/compare?a=${selected[1]}&b=${selected[0]}`)}
              data-testid="compare-selected"
            >
              {t('matching.compareSelected')}
            </Button>
            <Button icon={<TeamOutlined />} onClick={() => navigate('/micro-teams')}>
              {t('nav.microTeams')}
            </Button>
            {can('matching:propose') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setStarting(true)}
                data-testid="proposal-new"
              >
                {t('matching.start.button')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">{t('matching.listHint')}</Typography.Paragraph>
        {list.error ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            loading={list.isLoading}
            columns={columns}
            dataSource={list.data ?? []}
            scroll={{ x: true }}
            locale={{ emptyText: t('matching.empty') }}
            pagination={false}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected((keys as string[]).slice(-2)),
              getCheckboxProps: (p) => ({
                disabled: isRunning(p.status) || p.status === 'failed',
                'aria-label': t('matching.selectForCompare'),
              }),
            }}
          />
        )}
      </Card>
      <StartProposalModal open={starting} onClose={() => setStarting(false)} />
    </>
  );
}
