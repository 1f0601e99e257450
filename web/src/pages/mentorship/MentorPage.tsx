import { useQuery } from '@tanstack/react-query';
import { Card, Col, Progress, Row, Space, Statistic, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { useSpecialtyName } from '../../components/reference';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../i18n/format';
import { ActivityTable } from './ActivityTable';
import { LevelTag, StatusTag } from './shared';
import type { Contract, Goal, MentorRecord } from './types';

type GoalRow = Goal & { key: string; apprenticeId: string; apprenticeName: string; contract: Contract };

/** 带教档案: a mentor's apprentices with progress against each goal, and the teaching they gave. */
export default function MentorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const specialtyName = useSpecialtyName();
  const q = useQuery({
    queryKey: ['/mentorship/mentors', id],
    queryFn: () => api<MentorRecord>(`/mentorship/mentors/${id}`),
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <LoadingState />;
  const r = q.data;
  const rows: GoalRow[] = r.contracts.flatMap((c) =>
    c.apprentices.flatMap((a) =>
      a.goals.map((g) => ({
        ...g,
        key: `${c.id}/${a.personId}/${g.competencyId}`,
        apprenticeId: a.personId,
        apprenticeName: a.fullName,
        contract: c,
      })),
    ),
  );
  const today = new Date().toISOString().slice(0, 10);
  const columns: ColumnsType<GoalRow> = [
    {
      key: 'apprentice',
      title: t('mentorship.apprentice'),
      render: (_, g) => <Link to={`/mentorship/apprentices/${g.apprenticeId}`}>{g.apprenticeName}</Link>,
    },
    { key: 'competency', title: t('mentorship.competency'), dataIndex: 'competencyName' },
    {
      key: 'level',
      title: t('mentorship.currentToTarget'),
      render: (_, g) => (
        <Space size={4} wrap>
          <LevelTag level={g.currentLevel} />→<LevelTag level={g.targetLevel} />
        </Space>
      ),
    },
    {
      key: 'state',
      title: t('mentorship.progress'),
      render: (_, g) =>
        g.metOn
          ? t(g.metOn <= g.targetOn ? 'mentorship.metOnTime' : 'mentorship.metLate', {
              date: formatDate(g.metOn),
            })
          : g.targetOn < today
            ? t('mentorship.overdue', { date: formatDate(g.targetOn) })
            : t('mentorship.dueOn', { date: formatDate(g.targetOn) }),
    },
    {
      key: 'contract',
      title: t('mentorship.contract'),
      responsive: ['md'],
      render: (_, g) => (
        <Link to={`/mentorship/contracts/${g.contract.id}`}>
          <StatusTag status={g.contract.status} /> {g.contract.hostFacilityName}
        </Link>
      ),
    },
  ];
  const p = r.progress;
  return (
    <>
      <PageHeader
        title={t('mentorship.mentorTitle', { name: r.person.fullName })}
        subtitle={`${r.person.organisationName} · ${specialtyName(r.person.specialtyCode)}`}
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('mentorship.apprentices')} value={p.apprentices} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('mentorship.goalsMet')} value={p.goalsMet} suffix={`/ ${p.goals}`} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <div style={{ marginBottom: 4 }}>{t('mentorship.onTimeShare')}</div>
              <Progress percent={p.goals ? Math.round((p.goalsMetOnTime / p.goals) * 100) : 0} size="small" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('mentorship.activitiesGiven')} value={r.activities.length} />
            </Card>
          </Col>
        </Row>
        <Card size="small" title={t('mentorship.progressAgainstGoals')}>
          <Table<GoalRow>
            size="small"
            rowKey="key"
            columns={columns}
            dataSource={rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
          />
        </Card>
        <Card size="small" title={t('mentorship.activitiesGiven')}>
          <ActivityTable activities={r.activities} loading={false} showTeacher={false} />
        </Card>
      </Space>
    </>
  );
}
