import { DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activityInput } from '../../../../src/mentorship/schema';
import { activityKinds } from '../../../../src/mentorship/tables';
import { api } from '../../app/api';
import { checkWith, FormError, identifierSpans, placeServerIssues, SpanHighlight } from './shared';
import {
  type Activity,
  type Contract,
  type IdentifierSpan,
  useCompetencies,
  useContracts,
  useKnownFacilities,
  useKnownLocalStaff,
} from './types';

type Values = {
  kind: (typeof activityKinds)[number];
  heldOn?: Dayjs;
  facilityId?: string;
  mentorshipId?: string;
  title?: string;
  attendeeIds?: string[];
  competencyIds?: string[];
  caseSummary?: string;
};
/** What a contract tells about an activity given under it: where, to whom, on which skills. */
const prefill = (c: Contract) => ({
  facilityId: c.hostFacilityId,
  attendeeIds: c.apprentices.map((a) => a.personId),
  competencyIds: [...new Set(c.apprentices.flatMap((a) => a.goals.map((g) => g.competencyId)))],
});

type Props = {
  open: boolean;
  onClose: () => void;
  onLogged: (activity: Activity) => void;
  /** Pre-fills the contract (and its host facility and apprentices). */
  contractId?: string;
};

/** 登记带教活动: the teaching expert logs what they taught; the case summary must not identify a patient. */
export function ActivityModal({ open, onClose, onLogged, contractId }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState<{ spans: IdentifierSpan[]; title: string; caseSummary: string }>();
  const people = useKnownLocalStaff(open);
  const facilities = useKnownFacilities(open);
  const competencies = useCompetencies();
  const contracts = useContracts({}, open);
  const running = (contracts.data ?? []).filter((c) => c.status === 'active' || c.status === 'extended');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    setRefused(undefined);
  }, [open, form]);

  const applyContract = (id: string | undefined) => {
    const c = running.find((x) => x.id === id);
    if (c) form.setFieldsValue(prefill(c));
  };
  const loaded = contracts.data;
  useEffect(() => {
    const c = loaded?.find((x) => x.id === contractId);
    if (open && c) form.setFieldsValue({ mentorshipId: c.id, ...prefill(c) });
  }, [open, contractId, loaded, form]);

  const submit = async (values: Values) => {
    setError(null);
    setRefused(undefined);
    const body = {
      kind: values.kind,
      heldOn: values.heldOn?.format('YYYY-MM-DD'),
      facilityId: values.facilityId,
      mentorshipId: values.mentorshipId ?? null,
      title: values.title ?? '',
      attendeeIds: values.attendeeIds ?? [],
      competencyIds: values.competencyIds ?? [],
      caseSummary: values.caseSummary ?? '',
    };
    const valid = checkWith(t, activityInput, body, form);
    if (!valid) return;
    setBusy(true);
    try {
      const activity = await api<Activity>('/mentorship/activities', { method: 'POST', body: valid });
      onLogged(activity);
      onClose();
    } catch (e) {
      const spans = identifierSpans(e);
      if (spans.length) {
        setRefused({ spans, title: valid.title, caseSummary: valid.caseSummary });
        form.setFields(
          [...new Set(spans.map((s) => s.field))].map((f) => ({
            name: f,
            errors: [t('mentorship.activity.identifies')],
          })) as never,
        );
      } else if (!placeServerIssues(e, form, ['facilityId', 'mentorshipId', 'attendeeIds'])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const spansOf = (field: string) => refused?.spans.filter((s) => s.field === field) ?? [];

  return (
    <Modal
      open={open}
      title={t('mentorship.activity.log')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('mentorship.activity.submit')}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      <FormError error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'teaching_round', heldOn: dayjs() }}
      >
        <Form.Item name="kind" label={t('mentorship.activity.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={activityKinds.map((k) => ({ value: k, label: t(`mentorship.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="mentorshipId" label={t('mentorship.activity.contract')}>
          <Select
            allowClear
            loading={contracts.isLoading}
            onChange={applyContract}
            placeholder={t('mentorship.activity.noContract')}
            options={running.map((c) => ({
              value: c.id,
              label: `${c.hostFacilityName} · ${c.apprentices.map((a) => a.fullName).join('、')}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="heldOn"
          label={t('mentorship.activity.heldOn')}
          rules={[{ required: true, message: t('mentorship.invalid.required') }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="facilityId"
          label={t('mentorship.activity.facility')}
          rules={[{ required: true, message: t('mentorship.invalid.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={facilities.loading}
            options={facilities.options}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('mentorship.activity.title')}
          rules={[{ required: true, message: t('mentorship.invalid.required') }]}
          extra={
            refused && spansOf('title').length ? (
              <SpanHighlight text={refused.title} spans={spansOf('title')} />
            ) : null
          }
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="attendeeIds"
          label={t('mentorship.activity.attendees')}
          rules={[{ required: true, message: t('mentorship.invalid.required') }]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={people.loading}
            options={people.options}
          />
        </Form.Item>
        <Form.Item name="competencyIds" label={t('mentorship.activity.competencies')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={competencies.isLoading}
            options={(competencies.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item
          name="caseSummary"
          label={t('mentorship.activity.caseSummary')}
          extra={
            refused && spansOf('caseSummary').length ? (
              <SpanHighlight text={refused.caseSummary} spans={spansOf('caseSummary')} />
            ) : (
              <Typography.Text type="secondary">{t('mentorship.activity.caseHint')}</Typography.Text>
            )
          }
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
