import { CheckOutlined, DiffOutlined, LockOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { useSpecialtyName } from '../../components/reference';
import { ErrorDetail, ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../i18n/format';
import { ScoreCard, TeamCards, UnservedCard } from './ProposalSections';
import { ProposalProgress, ProposalStatusTag, useAssignmentReason, useExpertName } from './shared';
import { type Assignment, isRunning, type PairChoice, type Proposal } from './types';

type Choice = 'pin' | 'forbid';
const key = (c: PairChoice) => `${c.needId}|${c.personId}`;

/** 方案审阅: progress while it runs; then the score explained, teams, assignments with reasons, unserved needs and why. */
export default function ProposalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const specialtyName = useSpecialtyName();
  const expertName = useExpertName();
  const assignmentReason = useAssignmentReason();
  const [choices, setChoices] = useState<Map<string, { choice: Choice; pair: PairChoice }>>(new Map());
  const [busy, setBusy] = useState<'reoptimise' | 'accept' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);

  const q = useQuery({
    queryKey: ['/matching/proposals', id],
    queryFn: () => api<Proposal>(`/matching/proposals/${id}`),
    refetchInterval: (query) => (query.state.data && isRunning(query.state.data.status) ? 1000 : false),
  });
  const p = q.data;
  const rulePins = useMemo(() => new Set((p?.rules.pins ?? []).map(key)), [p]);

  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!p) return <LoadingState />;

  const toggle = (a: Assignment, choice: Choice) => {
    const pair = { needId: a.needId, personId: a.expert.id };
    setChoices((prev) => {
      const next = new Map(prev);
      if (next.get(key(pair))?.choice === choice) next.delete(key(pair));
      else next.set(key(pair), { choice, pair });
      return next;
    });
  };
  const pins = [...choices.values()].filter((c) => c.choice === 'pin').map((c) => c.pair);
  const forbids = [...choices.values()].filter((c) => c.choice === 'forbid').map((c) => c.pair);

  const reoptimise = async () => {
    setBusy('reoptimise');
    setActionError(null);
    try {
      const res = await api<{ id: string }>(`/matching/proposals/${id}/reoptimise`, {
        method: 'POST',
        body: { pins, forbids },
      });
      setChoices(new Map());
      await queryClient.invalidateQueries({ queryKey: ['/matching/proposals'] });
      navigate(`/proposals/${res.id}`);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };
  const accept = async () => {
    setBusy('accept');
    setActionError(null);
    try {
      await api(`/matching/proposals/${id}/accept`, { method: 'POST' });
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ['/matching/proposals'] });
      await queryClient.invalidateQueries({ queryKey: ['/matching/teams'] });
      await queryClient.invalidateQueries({ queryKey: ['/needs'] });
    } catch (e) {
      setConfirming(false);
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const reviewable = p.status === 'done' && can('matching:propose');
  const assignmentColumns: ColumnsType<Assignment> = [
    {
      key: 'team',
      title: t('matching.team'),
      render: (_, a) => (a.teamNo ? t('matching.teamNo', { n: a.teamNo }) : '—'),
    },
    {
      key: 'need',
      title: t('matching.need'),
      onCell: () => ({ style: { minWidth: 220 } }),
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{a.needTitle}</Typography.Text>
          <Typography.Text type="secondary">
            {a.facilityName} · {specialtyName(a.specialtyCode)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'expert',
      title: t('matching.expert'),
      onCell: () => ({ style: { minWidth: 140 } }),
      render: (_, a) => (
        <Space size={4} wrap>
          {expertName(a.expert)}
          {rulePins.has(key({ needId: a.needId, personId: a.expert.id })) ? (
            <Tag color="gold" icon={<LockOutlined />}>
              {t('matching.pinnedByRule')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'reason',
      title: t('matching.reasonColumn'),
      render: (_, a) => (
        <Typography.Text data-testid="assignment-reason">{assignmentReason(a)}</Typography.Text>
      ),
    },
    ...(reviewable
      ? [
          {
            key: 'choose',
            title: t('matching.yourChoice'),
            width: 190,
            render: (_: unknown, a: Assignment) => {
              const chosen = choices.get(key({ needId: a.needId, personId: a.expert.id }))?.choice;
              return (
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<LockOutlined />}
                    type={chosen === 'pin' ? 'primary' : 'default'}
                    aria-pressed={chosen === 'pin'}
                    onClick={() => toggle(a, 'pin')}
                    data-testid="pin"
                  >
                    {t('matching.pin')}
                  </Button>
                  <Button
                    size="small"
                    icon={<StopOutlined />}
                    danger={chosen === 'forbid'}
                    type={chosen === 'forbid' ? 'primary' : 'default'}
                    aria-pressed={chosen === 'forbid'}
                    onClick={() => toggle(a, 'forbid')}
                    data-testid="forbid"
                  >
                    {t('matching.forbid')}
                  </Button>
                </Space>
              );
            },
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={t('nav.proposal')}
        subtitle={
          <Space wrap>
            <ProposalStatusTag status={p.status} />
            {t('matching.createdAt', { date: formatDate(p.createdAt) })}
            {p.parentId ? <Link to={`/proposals/${p.parentId}`}>{t('matching.reoptimisedFrom')}</Link> : null}
          </Space>
        }
        extra={
          <>
            {p.parentId && !isRunning(p.status) ? (
              <Button
                icon={<DiffOutlined />}
                onClick={() => navigate(`/proposals/compare?a=${p.parentId}&b=${p.id}`)}
              >
                {t('matching.compareWithParent')}
              </Button>
            ) : null}
            {p.status === 'done' && can('matching:accept') ? (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => setConfirming(true)}
                data-testid="accept"
              >
                {t('matching.accept')}
              </Button>
            ) : null}
          </>
        }
      />
      {actionError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('matching.actionFailed')}
          description={<ErrorDetail error={actionError} />}
        />
      ) : null}
      {isRunning(p.status) ? (
        <Card title={t('matching.running')} style={{ marginBottom: 16 }}>
          <ProposalProgress status={p.status} progress={p.progress} />
        </Card>
      ) : null}
      {p.status === 'failed' ? (
        <Alert
          type="error"
          showIcon
          message={t('matching.failed')}
          description={p.error}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {p.status === 'accepted' ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="accepted"
          message={t('matching.acceptedOn', { date: formatDate(p.acceptedAt) })}
          action={<Link to="/micro-teams">{t('nav.microTeams')}</Link>}
        />
      ) : null}
      {p.status === 'superseded' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('matching.supersededHint')} />
      ) : null}
      <ScoreCard proposal={p} />
      <TeamCards proposal={p} />
      {p.assignments.length > 0 ? (
        <Card
          title={t('matching.assignmentsTitle', { count: p.assignments.length })}
          style={{ marginBottom: 16 }}
          extra={
            reviewable ? <Typography.Text type="secondary">{t('matching.reviewHint')}</Typography.Text> : null
          }
        >
          <Table
            rowKey="needId"
            size="small"
            columns={assignmentColumns}
            dataSource={p.assignments}
            pagination={p.assignments.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: true }}
            data-testid="assignments"
          />
        </Card>
      ) : null}
      <UnservedCard proposal={p} />
      {reviewable && choices.size > 0 ? (
        <Card
          className="sticky-actions"
          style={{ position: 'sticky', bottom: 0, zIndex: 2 }}
          data-testid="choices"
        >
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <List
              size="small"
              split={false}
              dataSource={[
                t('matching.choicesPinned', { count: pins.length }),
                t('matching.choicesForbidden', { count: forbids.length }),
              ]}
              renderItem={(x) => <List.Item style={{ padding: 0 }}>{x}</List.Item>}
            />
            <Space>
              <Button onClick={() => setChoices(new Map())}>{t('matching.clearChoices')}</Button>
              <Button
                type="primary"
                icon={<ReloadOutlined />}
                loading={busy === 'reoptimise'}
                onClick={reoptimise}
                data-testid="reoptimise"
              >
                {t('matching.reoptimise')}
              </Button>
            </Space>
          </Space>
        </Card>
      ) : null}
      <Modal
        open={confirming}
        title={t('matching.acceptConfirm.title')}
        okText={t('matching.acceptConfirm.ok')}
        cancelText={t('action.cancel')}
        confirmLoading={busy === 'accept'}
        onOk={accept}
        onCancel={() => setConfirming(false)}
      >
        <Typography.Paragraph>
          {t('matching.acceptConfirm.body', {
            teams: p.teams.length,
            needs: p.assignments.length,
          })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('matching.acceptConfirm.note')}</Typography.Paragraph>
      </Modal>
    </>
  );
}
