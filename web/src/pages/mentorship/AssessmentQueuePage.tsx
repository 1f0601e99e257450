import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, List, Modal, message, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../i18n/format';
import { FormError, LevelTag } from './shared';
import type { Assessment } from './types';

/** 待确认考核: the recipient cadre witnesses (or disputes) each level a mentor recorded. */
export default function AssessmentQueuePage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [toast, toastHolder] = message.useMessage();
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [disputing, setDisputing] = useState<Assessment | null>(null);
  const [reason, setReason] = useState('');
  const q = useQuery({
    queryKey: ['/mentorship/assessments', 'pending'],
    queryFn: () =>
      api<{ items: Assessment[] }>('/mentorship/assessments', {
        query: { status: 'pending_confirmation' },
      }).then((r) => r.items),
  });
  /** Earlier confirmed levels, to show each pending one against the last witnessed level. */
  const confirmed = useQuery({
    queryKey: ['/mentorship/assessments', 'confirmed'],
    queryFn: () =>
      api<{ items: Assessment[] }>('/mentorship/assessments', { query: { status: 'confirmed' } }).then(
        (r) => r.items,
      ),
  });
  const previous = (a: Assessment) =>
    (confirmed.data ?? [])
      .filter((c) => c.apprenticeId === a.apprenticeId && c.competencyId === a.competencyId)
      .at(-1)?.level ?? null;

  const act = async (a: Assessment, action: 'confirm' | 'dispute', body: object) => {
    setBusyId(a.id);
    setError(null);
    try {
      await api(`/mentorship/assessments/${a.id}/${action}`, { method: 'POST', body });
      void client.invalidateQueries({ queryKey: ['/mentorship/assessments'] });
      void client.invalidateQueries({ queryKey: ['/mentorship/contracts'] });
      void toast.success(
        action === 'confirm' ? t('mentorship.queue.confirmed') : t('mentorship.queue.disputed'),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <>
      {toastHolder}
      <PageHeader title={t('nav.mentorshipAssessments')} subtitle={t('mentorship.queue.subtitle')} />
      <FormError error={error} />
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isLoading ? <LoadingState /> : null}
      {q.data && q.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mentorship.queue.empty')} />
      ) : null}
      <List
        grid={{ gutter: 16, xs: 1, sm: 1, md: 2, xl: 3 }}
        dataSource={q.data ?? []}
        renderItem={(a) => (
          <List.Item>
            <Card
              size="small"
              data-testid="pending-assessment"
              title={
                <Link to={`/mentorship/apprentices/${a.apprenticeId}`}>
                  {a.apprenticeName} · {a.competencyName}
                </Link>
              }
            >
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <Flex wrap gap={6} align="center">
                  <Typography.Text type="secondary">{t('mentorship.queue.from')}</Typography.Text>
                  <LevelTag level={previous(a)} />
                  <Typography.Text type="secondary">{t('mentorship.queue.to')}</Typography.Text>
                  <LevelTag level={a.level} />
                </Flex>
                <Typography.Text>
                  {t('mentorship.queue.assessedBy', { name: a.assessorName, date: formatDate(a.assessedOn) })}
                </Typography.Text>
                {a.note ? (
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                    {a.note}
                  </Typography.Paragraph>
                ) : null}
                <Flex gap={8} wrap>
                  <Button
                    type="primary"
                    icon={<CheckOutlined />}
                    loading={busyId === a.id}
                    onClick={() => act(a, 'confirm', {})}
                  >
                    {t('mentorship.queue.confirm')}
                  </Button>
                  <Button
                    danger
                    icon={<CloseOutlined />}
                    disabled={busyId === a.id}
                    onClick={() => {
                      setReason('');
                      setDisputing(a);
                    }}
                  >
                    {t('mentorship.queue.dispute')}
                  </Button>
                </Flex>
              </Space>
            </Card>
          </List.Item>
        )}
      />
      <Modal
        open={disputing !== null}
        title={t('mentorship.queue.dispute')}
        okText={t('mentorship.queue.dispute')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        onCancel={() => setDisputing(null)}
        onOk={() => {
          if (disputing) void act(disputing, 'dispute', { reason: reason.trim() });
          setDisputing(null);
        }}
      >
        <Typography.Paragraph>{t('mentorship.queue.disputeHint')}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={reason}
          aria-label={t('mentorship.reason')}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
