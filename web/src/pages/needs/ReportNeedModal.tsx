import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, List, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { needKinds } from '../../../../src/db/schema';
import { api, type Page } from '../../app/api';
import { type Facility, useLocalName, useSpecialties } from '../../components/reference';
import { ErrorDetail, useErrorTitle } from '../../components/states';
import type { LikelyDuplicate, Need } from './types';

type Values = {
  facilityId: string;
  specialtyCode: string;
  kind: (typeof needKinds)[number];
  title: string;
  description?: string;
  populationAffected: number;
  urgency: number;
  competencies?: string[];
  effortExpertDays?: number | null;
};

type Props = { open: boolean; onClose: () => void; onReported: (need: Need) => void };

/** The short, phone-friendly intake form; after saving it shows the likely duplicates it found. */
export function ReportNeedModal({ open, onClose, onReported }: Props) {
  const { t } = useTranslation();
  const local = useLocalName();
  const errorTitle = useErrorTitle();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [duplicates, setDuplicates] = useState<LikelyDuplicate[] | null>(null);
  const specialties = useSpecialties();
  const facilities = useQuery({
    queryKey: ['/facilities', 'for-needs'],
    queryFn: () => api<Page<Facility>>('/facilities', { query: { pageSize: 200, sort: 'name' } }),
    enabled: open,
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    setDuplicates(null);
  }, [open, form]);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const need = await api<Need & { likelyDuplicates: LikelyDuplicate[] }>('/needs', {
        method: 'POST',
        body: {
          ...values,
          description: values.description ?? '',
          competencies: values.competencies ?? [],
          effortExpertDays: values.effortExpertDays ?? null,
        },
      });
      onReported(need);
      if (need.likelyDuplicates.length) setDuplicates(need.likelyDuplicates);
      else onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('needs.report')}
      onCancel={onClose}
      onOk={() => (duplicates ? onClose() : form.submit())}
      okText={duplicates ? t('action.close') : t('needs.submit')}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      {duplicates ? (
        <Alert
          type="warning"
          showIcon
          message={t('needs.duplicatesFound')}
          description={
            <List
              size="small"
              dataSource={duplicates}
              renderItem={(d) => (
                <List.Item>
                  {d.title} · {d.facilityName} ·{' '}
                  {t('needs.similarity', { value: Math.round(d.similarity * 100) })}
                </List.Item>
              )}
            />
          }
        />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ urgency: 2, kind: 'clinical_service' }}
        >
          {error ? (
            <Alert
              type="error"
              showIcon
              message={errorTitle(error)}
              description={<ErrorDetail error={error} />}
            />
          ) : null}
          <Form.Item name="facilityId" label={t('needs.facility')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={facilities.isLoading}
              options={(facilities.data?.items ?? [])
                .filter((f) => f.level !== 'supporter_hospital')
                .map((f) => ({ value: f.id, label: local(f.name, f.nameEn) }))}
            />
          </Form.Item>
          <Form.Item name="specialtyCode" label={t('needs.specialty')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(specialties.data ?? []).map((s) => ({
                value: s.code,
                label: local(s.nameZh, s.nameEn),
              }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t('needs.title')} rules={[{ required: true, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('needs.description')} rules={[{ max: 4000 }]}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          <Form.Item name="kind" label={t('needs.kind')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={needKinds.map((k) => ({ value: k, label: t(`needs.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="urgency" label={t('needs.urgency')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={[1, 2, 3, 4].map((u) => ({ value: u, label: t(`needs.urgencies.${u}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="populationAffected"
            label={t('needs.populationAffected')}
            rules={[{ required: true, type: 'integer', min: 0, max: 10_000_000 }]}
          >
            <InputNumber
              min={0}
              max={10_000_000}
              precision={0}
              style={{ width: '100%' }}
              inputMode="numeric"
            />
          </Form.Item>
          <Form.Item name="competencies" label={t('needs.competencies')}>
            <Select mode="tags" tokenSeparators={['，', ',', '、', '；', ';']} open={false} />
          </Form.Item>
          <Form.Item name="effortExpertDays" label={t('needs.effort')}>
            <InputNumber min={0.5} max={100_000} step={0.5} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('needs.reportHint')}
          </Typography.Text>
        </Form>
      )}
    </Modal>
  );
}
