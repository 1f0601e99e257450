import { useQuery } from '@tanstack/react-query';
import { Alert, Form, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type Page } from '../../app/api';
import { useAllBatches } from '../../components/reference';
import { ErrorDetail } from '../../components/states';

type Values = {
  batchId: string;
  minTeamSize: number;
  maxTeamSize: number;
  maxTravelHours: number;
  mustServe: string[];
  stayAtPrefecture: string[];
  timeLimitSeconds: number;
};

/** 发起组团方案: the batch and the commander's rules; the solver runs in the background. */
export function StartProposalModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const batches = useAllBatches(open);
  const batchId = Form.useWatch('batchId', form);

  useEffect(() => {
    const current = batches.data?.find((b) => b.current) ?? batches.data?.[0];
    if (open && current && !form.getFieldValue('batchId')) form.setFieldValue('batchId', current.id);
  }, [open, batches.data, form]);

  const needs = useQuery({
    queryKey: ['/needs', 'triaged', 'for-proposal'],
    queryFn: () =>
      api<Page<{ id: string; title: string; facilityName: string }>>('/needs', {
        query: { status: 'triaged', pageSize: 200, sort: 'priority', order: 'desc' },
      }),
    enabled: open,
  });
  const experts = useQuery({
    queryKey: ['/deployments', batchId, 'for-proposal'],
    queryFn: () =>
      api<Page<{ personId: string; personName: string; hostFacilityName: string }>>('/deployments', {
        query: { batchId, pageSize: 200 },
      }),
    enabled: open && !!batchId,
  });

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { batchId: batch, ...rules } = v;
      const res = await api<{ id: string }>('/matching/proposals', {
        method: 'POST',
        body: { batchId: batch, rules },
      });
      onClose();
      navigate(`/proposals/${res.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const expertOptions = [...new Map((experts.data?.items ?? []).map((d) => [d.personId, d])).values()].map(
    (d) => ({ value: d.personId, label: `${d.personName} · ${d.hostFacilityName}` }),
  );

  return (
    <Modal
      open={open}
      title={t('matching.start.title')}
      okText={t('matching.start.submit')}
      cancelText={t('action.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          minTeamSize: 2,
          maxTeamSize: 5,
          maxTravelHours: 4,
          mustServe: [],
          stayAtPrefecture: [],
          timeLimitSeconds: 30,
        }}
      >
        {error ? (
          <Alert
            type="error"
            showIcon
            message={t('matching.start.failed')}
            description={<ErrorDetail error={error} />}
          />
        ) : null}
        <Form.Item name="batchId" label={t('matching.batch')} rules={[{ required: true }]}>
          <Select
            loading={batches.isLoading}
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="minTeamSize" label={t('matching.start.minTeamSize')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10} />
          </Form.Item>
          <Form.Item
            name="maxTeamSize"
            label={t('matching.start.maxTeamSize')}
            dependencies={['minTeamSize']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value: number) =>
                  value >= getFieldValue('minTeamSize')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('matching.start.teamSizeOrder'))),
              }),
            ]}
          >
            <InputNumber min={1} max={10} />
          </Form.Item>
          <Form.Item
            name="maxTravelHours"
            label={t('matching.start.maxTravelHours')}
            tooltip={t('matching.start.maxTravelHoursHelp')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={48} step={0.5} />
          </Form.Item>
          <Form.Item
            name="timeLimitSeconds"
            label={t('matching.start.timeLimit')}
            tooltip={t('matching.start.timeLimitHelp')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={600} />
          </Form.Item>
        </Space>
        <Form.Item
          name="mustServe"
          label={t('matching.start.mustServe')}
          extra={t('matching.start.mustServeHelp')}
        >
          <Select
            mode="multiple"
            allowClear
            loading={needs.isLoading}
            optionFilterProp="label"
            options={(needs.data?.items ?? []).map((n) => ({
              value: n.id,
              label: `${n.title} · ${n.facilityName}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="stayAtPrefecture"
          label={t('matching.start.stayAtPrefecture')}
          extra={t('matching.start.stayAtPrefectureHelp')}
        >
          <Select
            mode="multiple"
            allowClear
            loading={experts.isLoading}
            optionFilterProp="label"
            options={expertOptions}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
