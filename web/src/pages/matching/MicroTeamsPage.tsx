import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { useAllBatches } from '../../components/reference';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { formatDate, formatNumber } from '../../i18n/format';
import type { MicroTeam } from './types';

/** 微团队: the accepted teams — leader, members, written responsibility, needs and visit plan. */
export default function MicroTeamsPage() {
  const { t, i18n } = useTranslation();
  const batches = useAllBatches();
  const q = useQuery({
    queryKey: ['/matching/teams'],
    queryFn: () => api<{ items: MicroTeam[] }>('/matching/teams').then((r) => r.items),
  });
  const batchName = (id: string) => batches.data?.find((b) => b.id === id)?.name ?? '';

  return (
    <>
      <PageHeader title={t('nav.microTeams')} subtitle={t('matching.microTeamsSubtitle')} />
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : q.data.length === 0 ? (
        <Card>
          <EmptyState
            description={t('matching.noMicroTeams')}
            action={<Link to="/proposals">{t('nav.proposals')}</Link>}
          />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {q.data.map((team) => {
            const leader = team.members.find((m) => m.role === 'leader');
            return (
              <Col xs={24} lg={12} key={team.id}>
                <Card
                  title={`${batchName(team.batchId)} · ${t('matching.teamNo', { n: team.teamNo })}`}
                  extra={
                    team.proposalId ? (
                      <Link to={`/proposals/${team.proposalId}`}>{t('matching.fromProposal')}</Link>
                    ) : null
                  }
                  data-testid="micro-team"
                >
                  <Typography.Paragraph strong>
                    {i18n.language === 'en' ? team.statementEn : team.statementZh}
                  </Typography.Paragraph>
                  <Space wrap style={{ marginBottom: 12 }}>
                    {leader ? (
                      <Tag color="blue">{t('matching.leaderNamed', { name: leader.name })}</Tag>
                    ) : null}
                    {team.members
                      .filter((m) => m.role !== 'leader')
                      .map((m) => (
                        <Tag key={m.id}>{m.name}</Tag>
                      ))}
                  </Space>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {t('matching.teamNeeds', { count: team.needs.length })}
                  </Typography.Text>
                  <ul style={{ marginTop: 4 }}>
                    {team.needs.map((n) => (
                      <li key={n.id}>
                        {n.title} <Tag>{t(`needs.statuses.${n.status}`)}</Tag>
                      </li>
                    ))}
                  </ul>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {t('matching.visitPlan')}
                  </Typography.Text>
                  <ol style={{ marginTop: 4 }}>
                    {team.visits.map((v) => (
                      <li key={`${v.facilityId}-${v.arriveOn}`}>
                        {t('matching.visitShort', {
                          date: formatDate(v.arriveOn),
                          days: formatNumber(v.days, 1),
                          needs: v.needIds
                            .map((id) => team.needs.find((n) => n.id === id)?.title)
                            .filter(Boolean)
                            .join(t('matching.listSeparator')),
                        })}
                      </li>
                    ))}
                  </ol>
                  <Typography.Text type="secondary">
                    {t('matching.createdAt', { date: formatDate(team.createdAt) })}
                  </Typography.Text>
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
    </>
  );
}
