import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, List, Progress, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api, apiUrl } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { useLocalName } from '../../components/reference';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate, formatNumber } from '../../i18n/format';
import { TargetStatusTag } from './TargetStatusTag';
import type { AgreementDetail, Target } from './types';

const shown = (value: number | null, unit: string) =>
  value === null ? '—' : unit === 'share' ? `${formatNumber(value * 100, 1)}%` : formatNumber(value, 1);

/** One agreement: parties and signatories, clauses with duties and targets (status computed), reviews, the signed PDF. */
export default function AgreementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const local = useLocalName();
  const [uploadError, setUploadError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['/agreements', id],
    queryFn: () => api<AgreementDetail>(`/agreements/${id}`),
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <LoadingState />;
  const a = q.data;
  const partyName = (orgId: string) => a.parties.find((p) => p.id === orgId)?.name ?? '—';

  const upload = async (file: File) => {
    setUploadError(null);
    const res = await fetch(apiUrl(`/agreements/${id}/document`, { fileName: file.name }), {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      body: file,
      credentials: 'same-origin',
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      setUploadError(body.error?.message ?? new ApiError(res.status, 'UPLOAD', res.statusText).message);
    }
    await q.refetch();
    return false;
  };

  const targetColumns = [
    {
      key: 'indicator',
      title: t('agreements.indicator'),
      render: (_: unknown, x: Target) => local(x.indicatorName.zh, x.indicatorName.en),
    },
    {
      key: 'baseline',
      title: t('agreements.baseline'),
      render: (_: unknown, x: Target) => shown(x.baseline, x.unit),
    },
    {
      key: 'target',
      title: t('agreements.targetValue'),
      render: (_: unknown, x: Target) => shown(x.targetValue, x.unit),
    },
    {
      key: 'current',
      title: t('agreements.current'),
      render: (_: unknown, x: Target) => (
        <span data-testid={`target-current-${x.id}`}>{shown(x.current, x.unit)}</span>
      ),
    },
    {
      key: 'progress',
      title: t('agreements.progress'),
      render: (_: unknown, x: Target) =>
        x.progress === null ? (
          '—'
        ) : (
          <Progress percent={Math.round(Math.max(0, Math.min(1, x.progress)) * 100)} size="small" />
        ),
    },
    { key: 'due', title: t('agreements.dueOn'), render: (_: unknown, x: Target) => formatDate(x.dueOn) },
    {
      key: 'responsible',
      title: t('agreements.responsible'),
      render: (_: unknown, x: Target) => partyName(x.responsibleOrganisationId),
    },
    {
      key: 'status',
      title: t('agreements.column.status'),
      render: (_: unknown, x: Target) => <TargetStatusTag target={x} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={a.title}
        subtitle={t(`agreements.type.${a.type}`)}
        extra={
          <Space>
            {a.document ? (
              <Button icon={<DownloadOutlined />} href={apiUrl(`/agreements/${id}/document`)}>
                {a.document.fileName}
              </Button>
            ) : null}
            {a.canChange ? (
              <Upload accept="application/pdf" showUploadList={false} beforeUpload={(f) => upload(f)}>
                <Button icon={<UploadOutlined />}>{t('agreements.uploadPdf')}</Button>
              </Upload>
            ) : null}
          </Space>
        }
      />
      {uploadError ? (
        <Alert type="error" showIcon message={uploadError} style={{ marginBottom: 16 }} />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('agreements.column.effectiveOn')}>
            {formatDate(a.effectiveOn)}
          </Descriptions.Item>
          <Descriptions.Item label={t('agreements.expiresOn')}>{formatDate(a.expiresOn)}</Descriptions.Item>
          <Descriptions.Item label={t('agreements.column.parties')}>
            {a.parties.map((p) => p.name).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('agreements.signatories')}>
            {a.signatories.map((s) => `${s.fullName}(${partyName(s.organisationId)})`).join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
        {a.summary ? <p>{a.summary}</p> : null}
      </Card>
      {a.clauses.map((c) => (
        <Card
          key={c.id}
          title={t('agreements.clauseNumber', { number: c.number })}
          style={{ marginBottom: 16 }}
        >
          <p>{c.text}</p>
          {c.duties.length ? (
            <List
              size="small"
              header={t('agreements.duties')}
              dataSource={c.duties}
              renderItem={(d) => (
                <List.Item>
                  <Tag>{partyName(d.organisationId)}</Tag> {d.duty}
                </List.Item>
              )}
            />
          ) : null}
          {c.targets.length ? (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              columns={targetColumns}
              dataSource={c.targets}
              scroll={{ x: true }}
            />
          ) : null}
        </Card>
      ))}
      <Card title={t('agreements.reviews')}>
        <List
          size="small"
          dataSource={a.reviews}
          locale={{ emptyText: t('agreements.noReviews') }}
          renderItem={(r) => (
            <List.Item>
              <Space>
                <Tag
                  color={
                    r.state === 'overdue'
                      ? 'red'
                      : r.state === 'due'
                        ? 'orange'
                        : r.state === 'done'
                          ? 'green'
                          : 'default'
                  }
                >
                  {t(`agreements.reviewState.${r.state}`)}
                </Tag>
                {formatDate(r.dueOn)} · {partyName(r.responsibleOrganisationId)}{' '}
                {r.outcome ? `· ${r.outcome}` : ''}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
