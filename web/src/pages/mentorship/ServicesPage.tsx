import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  DatePicker,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  message,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serviceRecordInput } from '../../../../src/mentorship/schema';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ImportDialog } from '../../components/ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import { useLocalName, useSpecialties, useSpecialtyName } from '../../components/reference';
import { EmptyState, ErrorState } from '../../components/states';
import { formatNumber } from '../../i18n/format';
import { checkWith, FormError } from './shared';
import { type ServiceRecord, useKnownFacilities } from './types';

type Values = {
  facilityId?: string;
  month?: Dayjs;
  service?: string;
  specialtyCode?: string;
  localCount?: number;
  aidCount?: number;
};

/** 诊疗服务记录: each month's count of a service at a facility, by local staff and by aid experts. */
export default function ServicesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const local = useLocalName();
  const screens = Grid.useBreakpoint();
  const client = useQueryClient();
  const specialties = useSpecialties();
  const specialtyName = useSpecialtyName();
  const [toast, toastHolder] = message.useMessage();
  const [facilityId, setFacilityId] = useState<string>();
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const facilities = useKnownFacilities(true);
  const q = useQuery({
    queryKey: ['/mentorship/service-records', facilityId],
    queryFn: () =>
      api<{ items: ServiceRecord[] }>('/mentorship/service-records', { query: { facilityId } }).then(
        (r) => r.items,
      ),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['/mentorship/service-records'] });

  const open = (r?: ServiceRecord) => {
    form.resetFields();
    setError(null);
    if (r)
      form.setFieldsValue({
        facilityId: r.facilityId,
        month: dayjs(`${r.month}-01`),
        service: r.service,
        specialtyCode: r.specialtyCode ?? undefined,
        localCount: r.localCount,
        aidCount: r.aidCount,
      });
    else form.setFieldsValue({ facilityId, month: dayjs().subtract(1, 'month') });
    setEditing(true);
  };
  const save = async (v: Values) => {
    const body = {
      facilityId: v.facilityId,
      month: v.month?.format('YYYY-MM'),
      service: v.service ?? '',
      specialtyCode: v.specialtyCode ?? null,
      localCount: v.localCount,
      aidCount: v.aidCount,
    };
    const valid = checkWith(t, serviceRecordInput, body, form);
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      await api('/mentorship/service-records', { method: 'POST', body: valid });
      refresh();
      setEditing(false);
      void toast.success(t('mentorship.services.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<ServiceRecord> = [
    { key: 'month', title: t('mentorship.services.month'), dataIndex: 'month' },
    { key: 'facility', title: t('mentorship.services.facility'), dataIndex: 'facilityName' },
    { key: 'service', title: t('mentorship.services.service'), dataIndex: 'service' },
    {
      key: 'local',
      title: t('mentorship.services.local'),
      dataIndex: 'localCount',
      align: 'right',
      render: (n: number) => formatNumber(n),
    },
    {
      key: 'aid',
      title: t('mentorship.services.aid'),
      dataIndex: 'aidCount',
      align: 'right',
      render: (n: number) => formatNumber(n),
    },
    {
      key: 'share',
      title: t('mentorship.services.share'),
      align: 'right',
      render: (_, r) =>
        r.localCount + r.aidCount
          ? `${formatNumber((r.localCount / (r.localCount + r.aidCount)) * 100, 1)}%`
          : '—',
    },
    {
      key: 'specialty',
      title: t('mentorship.services.specialty'),
      responsive: ['lg'],
      render: (_, r) => specialtyName(r.specialtyCode),
    },
    ...(can('services:write')
      ? [
          {
            key: 'edit',
            title: '',
            render: (_: unknown, r: ServiceRecord) => (
              <Button size="small" type="link" onClick={() => open(r)}>
                {t('action.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {toastHolder}
      <PageHeader
        title={t('nav.mentorshipServices')}
        subtitle={t('mentorship.services.subtitle')}
        extra={
          can('services:write') ? (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open()}>
                {t('mentorship.services.record')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('mentorship.services.import')}
              </Button>
            </>
          ) : null
        }
      />
      <search className="filters">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={facilityId}
          placeholder={t('mentorship.ind.allFacilities')}
          aria-label={t('mentorship.services.facility')}
          onChange={(v?: string) => setFacilityId(v)}
          options={facilities.options}
        />
      </search>
      {can('services:write') ? (
        <Typography.Paragraph type="secondary" id="import-columns">
          {t('mentorship.services.importColumns')}
        </Typography.Paragraph>
      ) : null}
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<ServiceRecord>
        size={screens.md ? 'middle' : 'small'}
        rowKey={(r) => `${r.facilityId}/${r.month}/${r.service}`}
        columns={columns}
        dataSource={q.data ?? []}
        loading={q.isLoading}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, simple: !screens.md, showSizeChanger: false }}
        locale={{ emptyText: <EmptyState description={t('mentorship.services.empty')} /> }}
      />
      <Modal
        open={editing}
        title={t('mentorship.services.record')}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        okText={t('action.save')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <FormError error={error} />
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="facilityId"
            label={t('mentorship.services.facility')}
            rules={[{ required: true, message: t('mentorship.invalid.required') }]}
          >
            <Select showSearch={{ optionFilterProp: 'label' }} options={facilities.options} />
          </Form.Item>
          <Form.Item
            name="month"
            label={t('mentorship.services.month')}
            rules={[{ required: true, message: t('mentorship.invalid.required') }]}
          >
            <DatePicker picker="month" disabledDate={(d) => d.isAfter(dayjs(), 'month')} />
          </Form.Item>
          <Form.Item
            name="service"
            label={t('mentorship.services.service')}
            rules={[{ required: true, whitespace: true, message: t('mentorship.invalid.required') }]}
            extra={t('mentorship.services.serviceHint')}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="specialtyCode" label={t('mentorship.services.specialty')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(specialties.data ?? []).map((s) => ({
                value: s.code,
                label: local(s.nameZh, s.nameEn),
              }))}
            />
          </Form.Item>
          <Space wrap size={16}>
            <Form.Item
              name="localCount"
              label={t('mentorship.services.local')}
              rules={[{ required: true, message: t('mentorship.invalid.required') }]}
            >
              <InputNumber min={0} max={1_000_000} precision={0} inputMode="numeric" />
            </Form.Item>
            <Form.Item
              name="aidCount"
              label={t('mentorship.services.aid')}
              rules={[{ required: true, message: t('mentorship.invalid.required') }]}
            >
              <InputNumber min={0} max={1_000_000} precision={0} inputMode="numeric" />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        path="/mentorship/service-records/import"
        templateHref="#import-columns"
        title={t('mentorship.services.import')}
        onImported={(count) => {
          refresh();
          void toast.success(t('mentorship.services.imported', { count }));
        }}
      />
    </>
  );
}
