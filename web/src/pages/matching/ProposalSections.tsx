import {
  Alert,
  Card,
  Col,
  Descriptions,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSpecialtyName } from '../../components/reference';
import { formatDate, formatNumber } from '../../i18n/format';
import { percent, score, useExpertName, useUnservedReason } from './shared';
import type { Proposal, Unserved, UnservedReason } from './types';

/** The sections of 方案审阅 that only display a proposal: its score, its teams, its unserved needs. */

export const unservedReasonCodes: UnservedReason[] = [
  'capacity_spent',
  'not_worth',
  'too_far',
  'too_large',
  'rules',
  'no_specialist',
];

/** The objective, its bound and gap in plain words, and the rules the proposal was made under. */
export function ScoreCard({ proposal: p }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const s = p.summary;
  const forbiddenCount = p.rules.forbids.length;
  if (!(s && p.objective !== null)) return null;
  return (
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
        <Descriptions.Item label={t('matching.rulesMustServe')}>{p.rules.mustServe.length}</Descriptions.Item>
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
  );
}

/** Each micro-team: its responsibility statement, leader, members and visit plan. */
export function TeamCards({ proposal: p }: { proposal: Proposal }) {
  const { t, i18n } = useTranslation();
  const expertName = useExpertName();
  if (!(p.teams.length > 0)) return null;
  return (
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
  );
}

/** The needs left unserved, counted and listed with why not. */
export function UnservedCard({ proposal: p }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const specialtyName = useSpecialtyName();
  const unservedReason = useUnservedReason();
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
  if (!(p.unserved.length > 0)) return null;
  return (
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
  );
}
