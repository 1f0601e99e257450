import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/states';
import { formatDate } from '../../i18n/format';
import { RecordAgreementModal } from './RecordAgreementModal';
import { type AgreementSummary, type DueReview, statusColour, type TargetStatus } from './types';

const statuses: TargetStatus[] = ['met', 'on_track', 'at_risk', 'missed'];

/** 协议文件: the soft-law agreements in scope, their targets' statuses, and the reviews due. */
export default function AgreementsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['/agreements'], queryFn: () => api<AgreementSummary[]>('/agreements') });
  const due = useQuery({
    queryKey: ['/agreements/reviews/due'],
    queryFn: () => api<DueReview[]>('/agreements/reviews/due'),
  });

  const columns: ColumnsType<AgreementSummary> = [
    {
      key: 'type',
      title: t('agreements.column.type'),
      render: (_, a) => <Tag>{t(`agreements.type.${a.type}`)}</Tag>,
    },
    {
      key: 'title',
      title: t('agreements.column.title'),
      render: (_, a) => (
        <Link to={`/agreements/${a.id}`} data-testid={`agreement-${a.title}`}>
          {a.title}
        </Link>
      ),
    },
    {
      key: 'parties',
      title: t('agreements.column.parties'),
      render: (_, a) => a.parties.map((p) => p.name).join('、'),
    },
    {
      key: 'effective',
      title: t('agreements.column.effectiveOn'),
      render: (_, a) => formatDate(a.effectiveOn),
    },
    {
      key: 'targets',
      title: t('agreements.column.targets'),
      render: (_, a) => (
        <Space size={4} wrap>
          {statuses
            .filter((s) => a.targets[s] > 0)
            .map((s) => (
              <Tag key={s} color={statusColour[s]}>
                {t(`agreements.status.${s}`)} {a.targets[s]}
              </Tag>
            ))}
        </Space>
      ),
    },
    { key: 'review', title: t('agreements.column.nextReview'), render: (_, a) => formatDate(a.nextReviewOn) },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.agreements')}
        subtitle={t('agreements.subtitle')}
        extra={
          can('agreements:write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="agreement-new"
            >
              {t('agreements.new')}
            </Button>
          ) : null
        }
      />
      {due.data && due.data.length > 0 ? (
        <Card title={t('agreements.reviewsDue')} style={{ marginBottom: 16 }} data-testid="reviews-due">
          <List
            size="small"
            dataSource={due.data}
            renderItem={(r) => (
              <List.Item>
                <Space>
                  <Tag color={r.state === 'overdue' ? 'red' : 'orange'}>
                    {t(`agreements.reviewState.${r.state}`)}
                  </Tag>
                  <Link to={`/agreements/${r.agreementId}`}>{r.agreementTitle}</Link>
                  <span>{formatDate(r.dueOn)}</span>
                  <span>{r.responsibleOrganisationName}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Card>
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
            locale={{ emptyText: t('agreements.empty') }}
            pagination={false}
          />
        )}
      </Card>
      <RecordAgreementModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
