import { CheckOutlined, DiffOutlined, LockOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Modal,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { useSpecialtyName } from '../../components/reference';
import { ErrorDetail, ErrorState, LoadingState } from '../../components/states';
import { formatDate, formatNumber } from '../../i18n/format';
import {
  ProposalProgress,
  ProposalStatusTag,
  percent,
  score,
  useAssignmentReason,
  useExpertName,
  useUnservedReason,
} from './shared';
import {
  type Assignment,
  isRunning,
  type PairChoice,
  type Proposal,
  type Unserved,
  type UnservedReason,
} from './types';

type Choice = 'pin' | 'forbid';
const unservedReasonCodes: UnservedReason[] = [
  'capacity_spent',
  'not_worth',
  'too_far',
  'too_large',
  'rules',
  'no_specialist',
];
const key = (c: PairChoice) => `${c.needId}|${c.personId}`;

/** 方案审阅: progress while it runs; then the score explained, teams, assignments with reasons, unserved needs and why. */
export default function ProposalPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const specialtyName = useSpecialtyName();
  const expertName = useExpertName();
  const assignmentReason = useAssignmentReason();
  const unservedReason = useUnservedReason();
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
  const unservedColumns: ColumnsType<Unserved> = [
    {
      key: 'need',
      title: t('matching.need'),
      render: (_, u) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{u.needTitle}</Typography.Text>
          <Typography.Text type="secondary">
            {u.facilityName} · {specialtyName(u.specialtyCode)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'reason',
      title: t('matching.whyNotColumn'),
      filters: unservedReasonCodes.map((r) => ({ text: t(`matching.unservedReason.${r}`), value: r })),
      onFilter: (value, u) => u.reason === value,
      render: (_, u) => (
        <Space direction="vertical" size={0}>
          <Tag color="orange">{t(`matching.unservedReason.${u.reason}`)}</Tag>
          <Typography.Text data-testid="unserved-reason">{unservedReason(u, p.rules)}</Typography.Text>
        </Space>
      ),
    },
  ];
  const s = p.summary;
  const forbiddenCount = p.rules.forbids.length;

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
      {s && p.objective !== null ? (
        <Card title={t('matching.scoreTitle')} style={{ marginBottom: 16 }} data-testid="score">
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('matching.column.teams')} value={s.teams} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('matching.column.served')} value={s.served} suffix={`/ ${s.needs}`} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('matching.objective')} value={score(p.objective)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('matching.gap')} value={percent(p.gap)} />
            </Col>
          </Row>
          <Typography.Paragraph style={{ marginTop: 16 }} data-testid="score-explained">
            {t('matching.explain.objective', {
              objective: score(p.objective),
              priority: score(s.priorityServed),
            })}{' '}
            {t('matching.explain.bound', { bound: score(p.bound) })}{' '}
            {(p.gap ?? 0) < 0.0005
              ? t('matching.explain.optimal')
              : t('matching.explain.gap', {
                  gap: percent(p.gap),
                  missing: score((p.bound ?? 0) - (p.objective ?? 0)),
                })}
          </Typography.Paragraph>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('matching.window')}>
              {formatDate(s.planningDate)} – {formatDate(s.horizonEnd)}
            </Descriptions.Item>
            <Descriptions.Item label={t('matching.start.teamSize')}>
              {t('matching.teamSizeRange', { min: p.rules.minTeamSize, max: p.rules.maxTeamSize })}
            </Descriptions.Item>
            <Descriptions.Item label={t('matching.start.maxTravelHours')}>
              {t('matching.hours', { hours: formatNumber(p.rules.maxTravelHours, 1) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('matching.rulesPinned')}>{p.rules.pins.length}</Descriptions.Item>
            <Descriptions.Item label={t('matching.rulesForbidden')}>{forbiddenCount}</Descriptions.Item>
            <Descriptions.Item label={t('matching.rulesMustServe')}>
              {p.rules.mustServe.length}
            </Descriptions.Item>
          </Descriptions>
          {s.warnings.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              message={t('matching.warnings')}
              description={s.warnings.join('；')}
              style={{ marginTop: 8 }}
            />
          ) : null}
        </Card>
      ) : null}
      {p.teams.length > 0 ? (
        <Card title={t('matching.teamsTitle', { count: p.teams.length })} style={{ marginBottom: 16 }}>
          <Row gutter={[16, 16]}>
            {p.teams.map((team) => (
              <Col xs={24} lg={12} key={team.teamNo}>
                <Card
                  size="small"
                  type="inner"
                  title={t('matching.teamNo', { n: team.teamNo })}
                  data-testid="team-card"
                >
                  <Typography.Paragraph strong>
                    {i18n.language === 'en' ? team.statementEn : team.statementZh}
                  </Typography.Paragraph>
                  <Typography.Paragraph>
                    <Tag color="blue">{t('matching.leader')}</Tag>
                    {expertName(team.leader)}
                  </Typography.Paragraph>
                  <Typography.Paragraph>
                    {t('matching.membersList', {
                      list:
                        team.members
                          .filter((m) => m.id !== team.leader.id)
                          .map((m) => expertName(m))
                          .join(t('matching.listSeparator')) || t('matching.noOtherMembers'),
                    })}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">{t('matching.visitPlan')}</Typography.Text>
                  <Timeline
                    style={{ marginTop: 8 }}
                    items={team.visits.map((v) => ({
                      children: t(v.travelHours > 0 ? 'matching.visit' : 'matching.visitOnSite', {
                        date: formatDate(v.arriveOn),
                        facility: v.facilityName,
                        days: formatNumber(v.days, 1),
                        hours: formatNumber(v.travelHours, 1),
                        count: v.needIds.length,
                      }),
                    }))}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </Card>
      ) : null}
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
      {p.unserved.length > 0 ? (
        <Card title={t('matching.unservedTitle', { count: p.unserved.length })} style={{ marginBottom: 16 }}>
          <Space wrap style={{ marginBottom: 12 }} data-testid="unserved-summary">
            {unservedReasonCodes
              .map((r) => [r, p.unserved.filter((u) => u.reason === r).length] as const)
              .filter(([, n]) => n > 0)
              .map(([r, n]) => (
                <Tag key={r} color="orange">
                  {t('matching.unservedCount', { reason: t(`matching.unservedReason.${r}`), count: n })}
                </Tag>
              ))}
          </Space>
          <Table
            rowKey="needId"
            size="small"
            columns={unservedColumns}
            dataSource={p.unserved}
            pagination={p.unserved.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: true }}
            data-testid="unserved"
          />
        </Card>
      ) : null}
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
