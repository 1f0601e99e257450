import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorDetail, ErrorState, LoadingState, useErrorTitle } from '../../components/states';
import { formatDate } from '../../i18n/format';
import { kindKey } from '../transparency/types';
import { statusColor, type WitnessRequest } from './types';

type PartyRow = WitnessRequest['parties'][number];

/** One record to witness: what it claims, each party's statement, and attest or dispute for my party. */
export default function WitnessPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useAuth();
  const client = useQueryClient();
  const errorTitle = useErrorTitle();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const request = useQuery({
    queryKey: ['/witness', id],
    queryFn: () => api<WitnessRequest>(`/witness/${id}`),
  });

  const act = async (action: 'attest' | 'dispute') => {
    setBusy(true);
    setError(null);
    try {
      const body = action === 'dispute' ? { reason } : {};
      client.setQueryData(
        ['/witness', id],
        await api<WitnessRequest>(`/witness/${id}/${action}`, { method: 'POST', body }),
      );
      setReason('');
      await client.invalidateQueries({ queryKey: ['/witness/queue'] });
      await client.invalidateQueries({ queryKey: ['/needs'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (request.error) return <ErrorState error={request.error} onRetry={() => request.refetch()} />;
  const w = request.data;
  if (!w) return <LoadingState />;
  const columns: ColumnsType<PartyRow> = [
    { key: 'party', title: t('witness.column.party'), render: (_, p) => t(`witness.party.${p.party}`) },
    { key: 'organisation', title: t('witness.column.organisation'), dataIndex: 'organisationName' },
    {
      key: 'statement',
      title: t('witness.column.statement'),
      render: (_, p) =>
        p.statement ? (
          <Tag color={p.statement.verdict === 'attested' ? 'green' : 'red'}>
            {t(`witness.verdict.${p.statement.verdict}`)}
          </Tag>
        ) : (
          <Tag>{t('witness.waiting')}</Tag>
        ),
    },
    { key: 'by', title: t('witness.column.by'), render: (_, p) => p.statement?.attestorName ?? '—' },
    { key: 'at', title: t('witness.column.at'), render: (_, p) => formatDate(p.statement?.at) },
    {
      key: 'log',
      title: t('witness.column.logIndex'),
      align: 'right',
      render: (_, p) => p.statement?.logIndex ?? '—',
    },
  ];
  const mayAct = w.myParty !== null && can('witness:attest');
  return (
    <>
      <PageHeader
        title={w.record?.title ?? t(`witness.kind.${kindKey(w.kind)}`)}
        subtitle={t(`witness.kind.${kindKey(w.kind)}`)}
        extra={<Link to="/witness">{t('witness.backToQueue')}</Link>}
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('witness.status')}>
              <Tag color={statusColor[w.status]} data-testid="witness-status">
                {t(`witness.statusName.${w.status}`)}
              </Tag>
              {w.round > 1 ? t('witness.round', { round: w.round }) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('witness.column.facility')}>
              {w.record?.facilityName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('witness.column.county')}>
              {w.record?.countyName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('witness.column.specialty')}>
              {w.record?.specialtyCode ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('witness.column.on')}>{formatDate(w.record?.on)}</Descriptions.Item>
            <Descriptions.Item label={t('witness.column.openedAt')}>
              {formatDate(w.openedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('witness.digest')}>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {w.recordDigest}
              </Typography.Text>
            </Descriptions.Item>
            {w.witnessedLogIndex !== null ? (
              <Descriptions.Item label={t('witness.witnessedEntry')}>
                {t('witness.logEntry', { index: w.witnessedLogIndex })}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {w.disputeReason && w.status === 'disputed' ? (
            <Alert type="warning" showIcon message={t('witness.disputed')} description={w.disputeReason} />
          ) : null}
        </Card>
        <Card title={t('witness.parties')}>
          <Table rowKey="party" size="small" columns={columns} dataSource={w.parties} pagination={false} />
        </Card>
        {mayAct ? (
          <Card title={t('witness.myStatement', { party: t(`witness.party.${w.myParty}`) })}>
            <Flex vertical gap={12}>
              <Typography.Paragraph type="secondary">{t('witness.attestHelp')}</Typography.Paragraph>
              {error ? (
                <Alert
                  type="error"
                  showIcon
                  message={errorTitle(error)}
                  description={<ErrorDetail error={error} />}
                />
              ) : null}
              <Button
                type="primary"
                loading={busy}
                onClick={() => act('attest')}
                data-testid="witness-attest"
              >
                {t('witness.attest')}
              </Button>
              <Input.TextArea
                rows={3}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder={t('witness.reasonPlaceholder')}
                aria-label={t('witness.reason')}
              />
              <Button danger loading={busy} disabled={!reason.trim()} onClick={() => act('dispute')}>
                {t('witness.dispute')}
              </Button>
            </Flex>
          </Card>
        ) : null}
      </Flex>
    </>
  );
}
