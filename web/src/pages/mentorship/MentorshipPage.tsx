import {
  AuditOutlined,
  BookOutlined,
  FileAddOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Grid, message, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { mentorshipStatuses } from '../../../../src/mentorship/workflow';
import { apiUrl } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ImportDialog } from '../../components/ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState } from '../../components/states';
import { formatDate } from '../../i18n/format';
import { ActivityModal } from './ActivityModal';
import { ActivityTable } from './ActivityTable';
import { AssessmentModal } from './AssessmentModal';
import { PatientNamesModal } from './PatientNamesModal';
import { SignContractModal } from './SignContractModal';
import { StatusTag } from './shared';
import { type Contract, useActivities, useContracts } from './types';

/** Whether the signed-in account still has to accept this contract (as a person or for the hospital). */
export function awaitsMe(c: Contract, me: { personId: string | null; role: string } | null) {
  if (!me || c.status !== 'proposed') return false;
  return c.pending.some(
    (p) =>
      (p.party !== 'recipient_hospital' && p.partyId === me.personId) ||
      (p.party === 'recipient_hospital' && me.role === 'recipient_cadre'),
  );
}

/** 师徒结对: the contracts the account sees, what waits for it, and the teaching it logged. */
export default function MentorshipPage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const client = useQueryClient();
  const [toast, toastHolder] = message.useMessage();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const tab = params.get('tab') ?? 'contracts';
  const [dialog, setDialog] = useState<
    'sign' | 'activity' | 'assess' | 'patientNames' | 'patientNamesImport' | null
  >(null);
  const contracts = useContracts({ status });
  const activities = useActivities({}, tab === 'activities');
  const mayPropose = me?.role === 'expert' || me?.role === 'admin' || me?.role === 'commander';
  const refresh = () => void client.invalidateQueries({ queryKey: ['/mentorship'] });
  const refreshAll = () => {
    for (const key of ['/mentorship/contracts', '/mentorship/activities', '/mentorship/assessments'])
      void client.invalidateQueries({ queryKey: [key] });
    refresh();
  };

  const columns: ColumnsType<Contract> = [
    {
      key: 'apprentices',
      title: t('mentorship.apprentices'),
      render: (_, c) => (
        <Link to={`/mentorship/contracts/${c.id}`} onClick={(e) => e.stopPropagation()}>
          {c.apprentices.map((a) => a.fullName).join('、')}
        </Link>
      ),
    },
    { key: 'mentor', title: t('mentorship.mentor'), dataIndex: 'mentorName' },
    {
      key: 'status',
      title: t('mentorship.statusLabel'),
      render: (_, c) => (
        <>
          <StatusTag status={c.status} />
          {awaitsMe(c, me) ? <Tag color="volcano">{t('mentorship.awaitsYou')}</Tag> : null}
        </>
      ),
    },
    {
      key: 'goals',
      title: t('mentorship.goalsMet'),
      responsive: ['sm'],
      render: (_, c) => {
        const goals = c.apprentices.flatMap((a) => a.goals);
        return t('mentorship.goalsMetValue', {
          met: goals.filter((g) => g.metOn !== null).length,
          total: goals.length,
        });
      },
    },
    {
      key: 'facility',
      title: t('mentorship.hostFacility'),
      dataIndex: 'hostFacilityName',
      responsive: ['md'],
    },
    {
      key: 'period',
      title: t('mentorship.period'),
      responsive: ['md'],
      render: (_, c) => `${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}`,
    },
    { key: 'batch', title: t('mentorship.batch'), dataIndex: 'batchName', responsive: ['lg'] },
  ];

  const waiting = (contracts.data ?? []).filter((c) => awaitsMe(c, me));

  return (
    <>
      {toastHolder}
      <PageHeader
        title={t('nav.mentorship')}
        subtitle={t('mentorship.subtitle')}
        extra={
          <>
            {mayPropose && can('mentorship:write') ? (
              <Button type="primary" icon={<FileAddOutlined />} onClick={() => setDialog('sign')}>
                {t('mentorship.sign.title')}
              </Button>
            ) : null}
            {can('teaching:record') ? (
              <Button icon={<BookOutlined />} onClick={() => setDialog('activity')}>
                {t('mentorship.activity.log')}
              </Button>
            ) : null}
            {can('assessments:record') ? (
              <Button icon={<AuditOutlined />} onClick={() => setDialog('assess')}>
                {t('mentorship.assess.title')}
              </Button>
            ) : null}
            {can('patient_names:write') ? (
              <Button
                icon={<SafetyOutlined />}
                data-testid="patient-names-open"
                onClick={() => setDialog('patientNames')}
              >
                {t('mentorship.patientNames.title')}
              </Button>
            ) : null}
            {me?.personId && me.role === 'expert' ? (
              <Button icon={<UserOutlined />} onClick={() => navigate(`/mentorship/mentors/${me.personId}`)}>
                {t('mentorship.myTeaching')}
              </Button>
            ) : null}
            {me?.personId && me.role === 'local_staff' ? (
              <Button
                icon={<UserOutlined />}
                onClick={() => navigate(`/mentorship/apprentices/${me.personId}`)}
              >
                {t('mentorship.myRecord')}
              </Button>
            ) : null}
          </>
        }
      />
      {waiting.length ? (
        <Typography.Paragraph>
          <Tag color="volcano">{t('mentorship.awaitsYou')}</Tag>
          {t('mentorship.waitingCount', { count: waiting.length })}
        </Typography.Paragraph>
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams(
            (p) => {
              const next = new URLSearchParams(p);
              next.set('tab', key);
              return next;
            },
            { replace: true },
          )
        }
        items={[
          {
            key: 'contracts',
            label: t('mentorship.contracts'),
            children: (
              <>
                <search className="filters">
                  <Select
                    allowClear
                    value={status}
                    placeholder={t('mentorship.allStatuses')}
                    aria-label={t('mentorship.statusLabel')}
                    onChange={(s?: string) =>
                      setParams(
                        (p) => {
                          const next = new URLSearchParams(p);
                          if (s) next.set('status', s);
                          else next.delete('status');
                          return next;
                        },
                        { replace: true },
                      )
                    }
                    options={mentorshipStatuses.map((s) => ({
                      value: s,
                      label: t(`mentorship.status.${s}`),
                    }))}
                  />
                </search>
                {contracts.error ? (
                  <ErrorState error={contracts.error} onRetry={() => void contracts.refetch()} />
                ) : null}
                <Table<Contract>
                  size={screens.md ? 'middle' : 'small'}
                  rowKey="id"
                  columns={columns}
                  dataSource={contracts.data ?? []}
                  loading={contracts.isLoading}
                  scroll={{ x: 'max-content' }}
                  pagination={{ pageSize: 20, hideOnSinglePage: true, simple: !screens.md }}
                  onRow={(c) => ({
                    onClick: () => navigate(`/mentorship/contracts/${c.id}`),
                    style: { cursor: 'pointer' },
                  })}
                  locale={{ emptyText: <EmptyState description={t('mentorship.noContracts')} /> }}
                />
              </>
            ),
          },
          {
            key: 'activities',
            label: t('mentorship.activities'),
            children: <ActivityTable activities={activities.data} loading={activities.isLoading} />,
          },
        ]}
      />
      <SignContractModal
        open={dialog === 'sign'}
        onClose={() => setDialog(null)}
        onSigned={(c) => {
          refreshAll();
          void toast.success(t('mentorship.sign.done'));
          navigate(`/mentorship/contracts/${c.id}`);
        }}
      />
      <ActivityModal
        open={dialog === 'activity'}
        onClose={() => setDialog(null)}
        onLogged={() => {
          refreshAll();
          void toast.success(t('mentorship.activity.done'));
        }}
      />
      <AssessmentModal
        open={dialog === 'assess'}
        onClose={() => setDialog(null)}
        onRecorded={() => {
          refreshAll();
          void toast.success(t('mentorship.assess.done'));
        }}
      />
      <PatientNamesModal
        open={dialog === 'patientNames'}
        onClose={() => setDialog(null)}
        onImport={() => setDialog('patientNamesImport')}
      />
      <ImportDialog
        open={dialog === 'patientNamesImport'}
        onClose={() => setDialog(null)}
        path="/mentorship/patient-names/import"
        templateHref={apiUrl('/mentorship/patient-names/template.xlsx')}
        templateLabel={t('mentorship.patientNames.template')}
        title={t('mentorship.patientNames.importTitle')}
      />
    </>
  );
}
