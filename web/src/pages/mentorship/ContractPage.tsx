import { CheckOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  message,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../i18n/format';
import { ActivityModal } from './ActivityModal';
import { ActivityTable } from './ActivityTable';
import { AssessmentModal } from './AssessmentModal';
import { awaitsMe } from './MentorshipPage';
import { FormError, LevelTag, StatusTag } from './shared';
import { type Contract, type Goal, type MentorshipAction, useActivities } from './types';

const paths: Record<Exclude<MentorshipAction, 'accept'>, string> = {
  extend: 'extend',
  complete: 'complete',
  end_early: 'end-early',
  withdraw: 'withdraw',
};

/** One contract: the parties and who has accepted, each apprentice's goals against target, its teaching. */
export default function ContractPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const client = useQueryClient();
  const [toast, toastHolder] = message.useMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [change, setChange] = useState<Exclude<MentorshipAction, 'accept'> | null>(null);
  const [dialog, setDialog] = useState<
    { kind: 'activity' } | { kind: 'assess'; apprenticeId: string } | null
  >(null);
  const [changeForm] = Form.useForm<{ endsOn?: Dayjs; reason?: string; note?: string }>();
  const q = useQuery({
    queryKey: ['/mentorship/contracts', id],
    queryFn: () => api<Contract>(`/mentorship/contracts/${id}`),
  });
  const activities = useActivities({ mentorshipId: id });
  const refresh = () => {
    for (const key of ['/mentorship/contracts', '/mentorship/activities', '/mentorship/assessments'])
      void client.invalidateQueries({ queryKey: [key] });
  };
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <LoadingState />;
  const c = q.data;
  const isMentor = !!me?.personId && me.personId === c.mentorId;
  const running = c.status === 'active' || c.status === 'extended';
  const mayManage =
    isMentor || ['admin', 'commander', 'recipient_cadre', 'supporter_cadre'].includes(me?.role ?? '');

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/mentorship/contracts/${id}/accept`, { method: 'POST', body: {} });
      refresh();
      void toast.success(t('mentorship.accepted'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const runChange = async () => {
    if (!change) return;
    const v = await changeForm.validateFields();
    const body =
      change === 'extend'
        ? { endsOn: v.endsOn?.format('YYYY-MM-DD'), note: v.note || undefined }
        : change === 'complete'
          ? { note: v.note || undefined }
          : { reason: v.reason };
    setBusy(true);
    setError(null);
    try {
      await api(`/mentorship/contracts/${id}/${paths[change]}`, { method: 'POST', body });
      setChange(null);
      refresh();
    } catch (e) {
      setError(e);
      setChange(null);
    } finally {
      setBusy(false);
    }
  };

  const partyName = (party: string, partyId: string) =>
    party === 'mentor'
      ? c.mentorName
      : party === 'apprentice'
        ? (c.apprentices.find((a) => a.personId === partyId)?.fullName ?? '—')
        : c.hostFacilityName;
  const parties = [
    { party: 'mentor', partyId: c.mentorId },
    ...c.apprentices.map((a) => ({ party: 'apprentice', partyId: a.personId })),
    { party: 'recipient_hospital', partyId: '' },
  ].map((p) => {
    const done = c.acceptances.find(
      (a) => a.party === p.party && (p.party === 'recipient_hospital' || a.partyId === p.partyId),
    );
    return { ...p, acceptedAt: done?.acceptedAt ?? null };
  });

  const goalColumns = [
    { key: 'competency', title: t('mentorship.competency'), dataIndex: 'competencyName' },
    {
      key: 'current',
      title: t('mentorship.currentLevel'),
      render: (_: unknown, g: Goal) => <LevelTag level={g.currentLevel} />,
    },
    {
      key: 'target',
      title: t('mentorship.targetLevel'),
      render: (_: unknown, g: Goal) => <LevelTag level={g.targetLevel} />,
    },
    {
      key: 'progress',
      title: t('mentorship.progress'),
      render: (_: unknown, g: Goal) => (
        <Progress
          percent={Math.round(((g.currentLevel ?? 0) / g.targetLevel) * 100)}
          size="small"
          status={g.metOn ? 'success' : 'active'}
          format={() => (g.metOn ? t('mentorship.metOn', { date: formatDate(g.metOn) }) : '')}
          style={{ minWidth: 140 }}
        />
      ),
    },
    {
      key: 'targetOn',
      title: t('mentorship.targetOn'),
      render: (_: unknown, g: Goal) => formatDate(g.targetOn),
    },
  ];

  return (
    <>
      {toastHolder}
      <PageHeader
        title={t('mentorship.contractTitle', {
          mentor: c.mentorName,
          apprentices: c.apprentices.map((a) => a.fullName).join('、'),
        })}
        subtitle={
          <Space wrap>
            <StatusTag status={c.status} />
            <span>
              {c.hostFacilityName} · {formatDate(c.startsOn)} – {formatDate(c.endsOn)}
            </span>
          </Space>
        }
        extra={
          <>
            {awaitsMe(c, me) ? (
              <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={accept}>
                {me?.role === 'recipient_cadre' ? t('mentorship.acceptForHospital') : t('mentorship.accept')}
              </Button>
            ) : null}
            {running && isMentor && can('teaching:record') ? (
              <Button onClick={() => setDialog({ kind: 'activity' })}>{t('mentorship.activity.log')}</Button>
            ) : null}
            {mayManage && can('mentorship:write')
              ? c.actions
                  .filter((a): a is Exclude<MentorshipAction, 'accept'> => a !== 'accept')
                  .map((a) => (
                    <Button
                      key={a}
                      danger={a === 'end_early' || a === 'withdraw'}
                      onClick={() => {
                        changeForm.resetFields();
                        setChange(a);
                      }}
                    >
                      {t(`mentorship.action.${a}`)}
                    </Button>
                  ))
              : null}
          </>
        }
      />
      <FormError error={error} />
      {c.statusReason ? (
        <Typography.Paragraph type="secondary">
          {t('mentorship.statusReason', { reason: c.statusReason })}
        </Typography.Paragraph>
      ) : null}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('mentorship.parties')}>
          <List
            size="small"
            dataSource={parties}
            renderItem={(p) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text type="secondary">{t(`mentorship.party.${p.party}`)}</Typography.Text>
                  <Typography.Text strong>{partyName(p.party, p.partyId)}</Typography.Text>
                </Space>
                {p.acceptedAt ? (
                  <Tag color="green" icon={<CheckOutlined />}>
                    {t('mentorship.acceptedOn', { date: formatDate(p.acceptedAt) })}
                  </Tag>
                ) : c.status === 'proposed' ? (
                  <Tag color="gold">{t('mentorship.notYetAccepted')}</Tag>
                ) : null}
              </List.Item>
            )}
          />
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('mentorship.mentor')}>
              <Link to={`/mentorship/mentors/${c.mentorId}`}>{c.mentorName}</Link> ·{' '}
              {c.mentorOrganisationName}
            </Descriptions.Item>
            <Descriptions.Item label={t('mentorship.batch')}>{c.batchName ?? '—'}</Descriptions.Item>
            {c.continuesId ? (
              <Descriptions.Item label={t('mentorship.continues')}>
                <Link to={`/mentorship/contracts/${c.continuesId}`}>{t('mentorship.earlierContract')}</Link>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        {c.apprentices.map((a) => (
          <Card
            key={a.personId}
            size="small"
            title={
              <Space wrap>
                <Link to={`/mentorship/apprentices/${a.personId}`}>{a.fullName}</Link>
                <Typography.Text type="secondary">{a.organisationName}</Typography.Text>
              </Space>
            }
            extra={
              running && isMentor && can('assessments:record') ? (
                <Button size="small" onClick={() => setDialog({ kind: 'assess', apprenticeId: a.personId })}>
                  {t('mentorship.assess.title')}
                </Button>
              ) : null
            }
          >
            <Table<Goal>
              size="small"
              rowKey="competencyId"
              columns={goalColumns}
              dataSource={a.goals}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          </Card>
        ))}
        <Card size="small" title={t('mentorship.activities')}>
          <ActivityTable activities={activities.data} loading={activities.isLoading} showTeacher={false} />
        </Card>
      </Space>
      <Modal
        open={change !== null}
        title={change ? t(`mentorship.action.${change}`) : ''}
        onCancel={() => setChange(null)}
        onOk={runChange}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={changeForm} layout="vertical">
          {change === 'extend' ? (
            <Form.Item
              name="endsOn"
              label={t('mentorship.newEndsOn')}
              rules={[{ required: true, message: t('mentorship.invalid.required') }]}
            >
              <DatePicker />
            </Form.Item>
          ) : null}
          {change === 'end_early' || change === 'withdraw' ? (
            <Form.Item
              name="reason"
              label={t('mentorship.reason')}
              rules={[{ required: true, whitespace: true, message: t('mentorship.invalid.required') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          ) : (
            <Form.Item name="note" label={t('mentorship.note')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <ActivityModal
        open={dialog?.kind === 'activity'}
        contractId={id}
        onClose={() => setDialog(null)}
        onLogged={() => {
          refresh();
          void toast.success(t('mentorship.activity.done'));
        }}
      />
      <AssessmentModal
        open={dialog?.kind === 'assess'}
        contractId={id}
        apprenticeId={dialog?.kind === 'assess' ? dialog.apprenticeId : undefined}
        onClose={() => setDialog(null)}
        onRecorded={() => {
          refresh();
          void toast.success(t('mentorship.assess.done'));
        }}
      />
    </>
  );
}
