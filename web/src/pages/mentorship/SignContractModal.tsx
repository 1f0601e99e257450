import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Modal, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mentorshipInput } from '../../../../src/mentorship/schema';
import { api, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import { checkWith, FormError, levelOptions } from './shared';
import { type Contract, useCompetencies, useKnownFacilities, useKnownLocalStaff } from './types';

type GoalValues = { competencyId?: string; targetLevel?: number; targetOn?: Dayjs };
type Values = {
  mentorId?: string;
  hostFacilityId?: string;
  startsOn?: Dayjs;
  endsOn?: Dayjs;
  apprentices: { personId?: string; goals: GoalValues[] }[];
};
const day = (d?: Dayjs) => d?.format('YYYY-MM-DD');

type Props = { open: boolean; onClose: () => void; onSigned: (contract: Contract) => void };

/** 签订师徒协议: one expert mentor, one to three apprentices, each with goal competencies, levels and dates. */
export function SignContractModal({ open, onClose, onSigned }: Props) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const isExpert = me?.role === 'expert';
  const people = useKnownLocalStaff(open);
  const facilities = useKnownFacilities(open);
  const competencies = useCompetencies();
  const experts = useQuery({
    queryKey: ['/people', 'expert', 'for-mentorship'],
    queryFn: () =>
      api<Page<{ id: string; fullName: string; organisationName: string }>>('/people', {
        query: { kind: 'expert', pageSize: 200, sort: 'fullName' },
      }).then((r) => r.items),
    enabled: open && !isExpert,
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);

  const submit = async (values: Values) => {
    setError(null);
    const body = {
      mentorId: isExpert ? me?.personId : values.mentorId,
      hostFacilityId: values.hostFacilityId,
      startsOn: day(values.startsOn),
      endsOn: day(values.endsOn),
      apprentices: (values.apprentices ?? []).map((a) => ({
        personId: a.personId,
        goals: (a.goals ?? []).map((g) => ({
          competencyId: g.competencyId,
          targetLevel: g.targetLevel,
          targetOn: day(g.targetOn),
        })),
      })),
    };
    const valid = checkWith(t, mentorshipInput, body, form, (path) =>
      path[0] === 'apprentices' && path.length === 1 ? null : (path as (string | number)[]),
    );
    if (!valid) return;
    setBusy(true);
    try {
      const contract = await api<Contract>('/mentorship/contracts', { method: 'POST', body: valid });
      onSigned(contract);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const competencyOptions = (competencies.data ?? [])
    .filter((c) => !c.retired)
    .map((c) => ({ value: c.id, label: c.name }));

  return (
    <Modal
      open={open}
      title={t('mentorship.sign.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('mentorship.sign.submit')}
      confirmLoading={busy}
      destroyOnHidden
      width={720}
    >
      <Typography.Paragraph type="secondary">{t('mentorship.sign.hint')}</Typography.Paragraph>
      <FormError error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ apprentices: [{ goals: [{ targetLevel: 4 }] }] }}
      >
        {isExpert ? (
          <Form.Item label={t('mentorship.mentor')}>
            <Typography.Text strong>{me?.displayName}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="mentorId" label={t('mentorship.mentor')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={experts.isLoading}
              options={(experts.data ?? []).map((p) => ({
                value: p.id,
                label: `${p.fullName} · ${p.organisationName}`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="hostFacilityId"
          label={t('mentorship.hostFacility')}
          rules={[{ required: true, message: t('mentorship.invalid.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={facilities.loading}
            options={facilities.options}
          />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item
            name="startsOn"
            label={t('mentorship.startsOn')}
            rules={[{ required: true, message: t('mentorship.invalid.required') }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('mentorship.endsOn')}
            rules={[{ required: true, message: t('mentorship.invalid.required') }]}
          >
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.List name="apprentices">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={t('mentorship.sign.apprenticeN', { n: i + 1 })}
                  extra={
                    fields.length > 1 ? (
                      <Button type="text" danger onClick={() => remove(field.name)}>
                        {t('action.delete')}
                      </Button>
                    ) : null
                  }
                >
                  <Form.Item
                    name={[field.name, 'personId']}
                    label={t('mentorship.apprentice')}
                    rules={[{ required: true, message: t('mentorship.invalid.required') }]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      loading={people.loading}
                      options={people.options}
                      aria-label={t('mentorship.sign.apprenticeN', { n: i + 1 })}
                    />
                  </Form.Item>
                  <Typography.Text strong>{t('mentorship.goals')}</Typography.Text>
                  <Form.List name={[field.name, 'goals']}>
                    {(goals, goalOps) => (
                      <>
                        {goals.map((g) => (
                          <Space key={g.key} wrap align="start" style={{ display: 'flex', marginTop: 8 }}>
                            <Form.Item
                              name={[g.name, 'competencyId']}
                              label={t('mentorship.competency')}
                              rules={[{ required: true, message: t('mentorship.invalid.required') }]}
                              style={{ minWidth: 220, marginBottom: 8 }}
                            >
                              <Select
                                showSearch={{ optionFilterProp: 'label' }}
                                options={competencyOptions}
                                loading={competencies.isLoading}
                              />
                            </Form.Item>
                            <Form.Item
                              name={[g.name, 'targetLevel']}
                              label={t('mentorship.targetLevel')}
                              rules={[{ required: true, message: t('mentorship.invalid.required') }]}
                              style={{ minWidth: 180, marginBottom: 8 }}
                            >
                              <Select options={levelOptions(t)} />
                            </Form.Item>
                            <Form.Item
                              name={[g.name, 'targetOn']}
                              label={t('mentorship.targetOn')}
                              rules={[{ required: true, message: t('mentorship.invalid.required') }]}
                              style={{ marginBottom: 8 }}
                            >
                              <DatePicker />
                            </Form.Item>
                            {goals.length > 1 ? (
                              <Button
                                type="text"
                                icon={<MinusCircleOutlined />}
                                aria-label={t('mentorship.sign.removeGoal')}
                                onClick={() => goalOps.remove(g.name)}
                                style={{ marginTop: 30 }}
                              />
                            ) : null}
                          </Space>
                        ))}
                        <Button
                          type="dashed"
                          size="small"
                          icon={<PlusOutlined />}
                          onClick={() => goalOps.add({ targetLevel: 4 })}
                        >
                          {t('mentorship.sign.addGoal')}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              {fields.length < 3 ? (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ goals: [{ targetLevel: 4 }] })}
                  block
                >
                  {t('mentorship.sign.addApprentice')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
