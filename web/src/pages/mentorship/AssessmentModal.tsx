import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessmentInput } from '../../../../src/mentorship/schema';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { checkWith, FormError, LevelTag, levelOptions, placeServerIssues } from './shared';
import { type Assessment, useContracts } from './types';

type Values = {
  pair?: string;
  competencyId?: string;
  level?: number;
  assessedOn?: Dayjs;
  note?: string;
};
type Props = {
  open: boolean;
  onClose: () => void;
  onRecorded: (assessment: Assessment) => void;
  contractId?: string;
  apprenticeId?: string;
};

/** 记录考核: the mentor records an apprentice's new level; it counts once a recipient cadre confirms it. */
export function AssessmentModal({ open, onClose, onRecorded, contractId, apprenticeId }: Props) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const contracts = useContracts(me?.personId ? { mentorId: me.personId } : {}, open);
  const running = (contracts.data ?? []).filter((c) => c.status === 'active' || c.status === 'extended');
  /** One choice per (contract, apprentice): the assessment belongs to that contract. */
  const pairs = running.flatMap((c) =>
    c.apprentices.map((a) => ({
      value: `${c.id}/${a.personId}`,
      label: `${a.fullName} · ${c.hostFacilityName}`,
      contract: c,
      apprentice: a,
    })),
  );
  const pairValue = Form.useWatch('pair', form);
  const competencyId = Form.useWatch('competencyId', form);
  const chosen = pairs.find((p) => p.value === pairValue);
  const goal = chosen?.apprentice.goals.find((g) => g.competencyId === competencyId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);
  useEffect(() => {
    if (open && contractId && apprenticeId) form.setFieldValue('pair', `${contractId}/${apprenticeId}`);
  }, [open, contractId, apprenticeId, form]);

  const submit = async (values: Values) => {
    setError(null);
    const [mentorshipId, apprenticeIdOf] = (values.pair ?? '/').split('/');
    const body = {
      apprenticeId: apprenticeIdOf,
      competencyId: values.competencyId,
      mentorshipId,
      level: values.level,
      assessedOn: values.assessedOn?.format('YYYY-MM-DD'),
      note: values.note ?? '',
    };
    const valid = checkWith(t, assessmentInput, body, form, (path) =>
      path[0] === 'apprenticeId' || path[0] === 'mentorshipId' ? ['pair'] : (path as string[]),
    );
    if (!valid) return;
    setBusy(true);
    try {
      const created = await api<Assessment>('/mentorship/assessments', { method: 'POST', body: valid });
      onRecorded(created);
      onClose();
    } catch (e) {
      if (!placeServerIssues(e, form, ['assessedOn', 'competencyId'])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('mentorship.assess.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('mentorship.assess.submit')}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('mentorship.assess.hint')}</Typography.Paragraph>
      <FormError error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ assessedOn: dayjs() }}>
        <Form.Item
          name="pair"
          label={t('mentorship.apprentice')}
          rules={[{ required: true, message: t('mentorship.invalid.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={contracts.isLoading}
            options={pairs.map(({ value, label }) => ({ value, label }))}
            notFoundContent={t('mentorship.assess.noApprentices')}
            onChange={() => form.setFieldValue('competencyId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="competencyId"
          label={t('mentorship.competency')}
          rules={[{ required: true, message: t('mentorship.invalid.required') }]}
        >
          <Select
            options={(chosen?.apprentice.goals ?? []).map((g) => ({
              value: g.competencyId,
              label: g.competencyName,
            }))}
            notFoundContent={t('mentorship.assess.pickApprentice')}
          />
        </Form.Item>
        {goal ? (
          <Typography.Paragraph data-testid="goal-context">
            {t('mentorship.assess.current')} <LevelTag level={goal.currentLevel} /> ·{' '}
            {t('mentorship.assess.target')} <LevelTag level={goal.targetLevel} />
          </Typography.Paragraph>
        ) : null}
        <Form.Item
          name="level"
          label={t('mentorship.assess.level')}
          rules={[{ required: true, message: t('mentorship.invalid.required') }]}
        >
          <Select options={levelOptions(t)} />
        </Form.Item>
        <Form.Item
          name="assessedOn"
          label={t('mentorship.assess.assessedOn')}
          rules={[{ required: true, message: t('mentorship.invalid.required') }]}
        >
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('mentorship.assess.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
