import { useQuery } from '@tanstack/react-query';
import { Card, Col, Grid, Row, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { useSpecialtyName } from '../../components/reference';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../i18n/format';
import { ActivityTable } from './ActivityTable';
import { EChart, type EChartsOption } from './charts';
import { AssessmentStatusTag, LevelTag, StatusTag } from './shared';
import type { ApprenticeRecord, Assessment, Contract } from './types';

/** 学员档案: an apprentice's contracts, confirmed levels over time per competency, activities attended. */
export default function ApprenticePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const specialtyName = useSpecialtyName();
  const q = useQuery({
    queryKey: ['/mentorship/apprentices', id],
    queryFn: () => api<ApprenticeRecord>(`/mentorship/apprentices/${id}`),
  });
  const r = q.data;

  const option = useMemo<EChartsOption>(() => {
    const levels = r?.levels ?? [];
    return {
      aria: { enabled: true },
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName: string; value: [string, number] }) =>
          `${p.seriesName}<br/>${formatDate(p.value[0])}：${t(`mentorship.level.${p.value[1]}`)}`,
      },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'time' },
      yAxis: {
        type: 'value',
        min: 0,
        max: 5,
        interval: 1,
        axisLabel: {
          formatter: (v: number) => (v >= 1 && v <= 5 ? t(`mentorship.levelShort.${v}`) : ''),
        },
      },
      series: levels.map((l) => ({
        name: l.competencyName,
        type: 'line',
        step: 'end',
        symbolSize: 8,
        data: l.history.filter((h) => h.status === 'confirmed').map((h) => [h.assessedOn, h.level]),
      })),
    };
  }, [r, t]);

  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!r) return <LoadingState />;

  const contractColumns: ColumnsType<Contract> = [
    {
      key: 'mentor',
      title: t('mentorship.mentor'),
      render: (_, c) => <Link to={`/mentorship/contracts/${c.id}`}>{c.mentorName}</Link>,
    },
    { key: 'status', title: t('mentorship.statusLabel'), render: (_, c) => <StatusTag status={c.status} /> },
    {
      key: 'goals',
      title: t('mentorship.goals'),
      render: (_, c) =>
        c.apprentices
          .find((a) => a.personId === id)
          ?.goals.map((g) => (
            <div key={g.competencyId}>
              {g.competencyName} → <LevelTag level={g.targetLevel} />{' '}
              {g.metOn ? t('mentorship.metOn', { date: formatDate(g.metOn) }) : null}
            </div>
          )),
    },
    {
      key: 'period',
      title: t('mentorship.period'),
      responsive: ['md'],
      render: (_, c) => `${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}`,
    },
  ];
  const assessmentColumns: ColumnsType<Assessment> = [
    { key: 'on', title: t('mentorship.assess.assessedOn'), render: (_, a) => formatDate(a.assessedOn) },
    { key: 'competency', title: t('mentorship.competency'), dataIndex: 'competencyName' },
    { key: 'level', title: t('mentorship.assess.level'), render: (_, a) => <LevelTag level={a.level} /> },
    {
      key: 'status',
      title: t('mentorship.statusLabel'),
      render: (_, a) => <AssessmentStatusTag status={a.status} />,
    },
    { key: 'assessor', title: t('mentorship.assessor'), dataIndex: 'assessorName', responsive: ['md'] },
    {
      key: 'witness',
      title: t('mentorship.witness'),
      responsive: ['md'],
      render: (_, a) => a.confirmedByName ?? a.disputeReason ?? '—',
    },
  ];
  const atFour = r.levels.filter((l) => (l.currentLevel ?? 0) >= 4).length;

  return (
    <>
      <PageHeader
        title={t('mentorship.apprenticeTitle', { name: r.person.fullName })}
        subtitle={`${r.person.organisationName} · ${specialtyName(r.person.specialtyCode)}`}
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('mentorship.contracts')} value={r.contracts.length} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('mentorship.competenciesAssessed')} value={r.levels.length} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('mentorship.independentIn')} value={atFour} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('mentorship.activitiesAttended')} value={r.activities.length} />
            </Card>
          </Col>
        </Row>
        <Card size="small" title={t('mentorship.levelsOverTime')}>
          <Typography.Paragraph type="secondary">{t('mentorship.levelsHint')}</Typography.Paragraph>
          {r.levels.length ? (
            <EChart
              option={option}
              height={screens.md ? 320 : 280}
              label={t('mentorship.levelsOverTime')}
              testId="levels-chart"
            />
          ) : (
            <Typography.Text type="secondary">{t('mentorship.noLevels')}</Typography.Text>
          )}
          <Space wrap style={{ marginTop: 8 }}>
            {r.levels.map((l) => (
              <span key={l.competencyId}>
                {l.competencyName} <LevelTag level={l.currentLevel} />
              </span>
            ))}
          </Space>
        </Card>
        <Card size="small" title={t('mentorship.contracts')}>
          <Table<Contract>
            size="small"
            rowKey="id"
            columns={contractColumns}
            dataSource={r.contracts}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </Card>
        <Card size="small" title={t('mentorship.assessments')}>
          <Table<Assessment>
            size="small"
            rowKey="id"
            columns={assessmentColumns}
            dataSource={[...r.assessments].reverse()}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
          />
        </Card>
        <Card size="small" title={t('mentorship.activitiesAttended')}>
          <ActivityTable activities={r.activities} loading={false} />
        </Card>
      </Space>
    </>
  );
}
