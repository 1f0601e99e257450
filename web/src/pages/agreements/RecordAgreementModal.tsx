import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Col, Divider, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useLocalName, useOrganisations, useRegions } from '../../components/reference';
import { ErrorDetail, useErrorTitle } from '../../components/states';
import { type AgreementDetail, agreementTypes, type IndicatorInfo } from './types';

type Values = {
  type: string;
  title: string;
  effectiveOn: string;
  expiresOn?: string;
  parties: string[];
  clauseText: string;
  duty?: string;
  indicatorId?: string;
  breakdownKey?: string;
  baseline?: number;
  targetValue?: number;
  baselineOn?: string;
  dueOn?: string;
  responsibleOrganisationId?: string;
};

/** Records an agreement: its parties, one clause with a duty and (optionally) one target. */
export function RecordAgreementModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const local = useLocalName();
  const errorTitle = useErrorTitle();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const organisations = useOrganisations(open);
  const regions = useRegions();
  const indicators = useQuery({
    queryKey: ['/indicators'],
    queryFn: () => api<IndicatorInfo[]>('/indicators'),
    enabled: open,
  });
  const parties = Form.useWatch('parties', form) ?? [];
  const indicatorId = Form.useWatch('indicatorId', form);
  const chosen = indicators.data?.find((i) => i.id === indicatorId);
  const byCounty = chosen?.breakdowns.includes('county') ?? false;

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const target = v.indicatorId
        ? [
            {
              indicatorId: v.indicatorId,
              breakdown: v.breakdownKey ? 'county' : 'programme',
              breakdownKey: v.breakdownKey ?? null,
              baseline: v.baseline ?? 0,
              targetValue: v.targetValue ?? 0,
              baselineOn: v.baselineOn,
              dueOn: v.dueOn,
              responsibleOrganisationId: v.responsibleOrganisationId,
            },
          ]
        : [];
      const created = await api<AgreementDetail>('/agreements', {
        method: 'POST',
        body: {
          type: v.type,
          title: v.title,
          effectiveOn: v.effectiveOn,
          expiresOn: v.expiresOn || null,
          ownerOrganisationId: me?.organisation.id,
          parties: v.parties,
          clauses: [
            {
              text: v.clauseText,
              duties:
                v.duty && v.responsibleOrganisationId
                  ? [{ organisationId: v.responsibleOrganisationId, duty: v.duty }]
                  : [],
              targets: target,
            },
          ],
        },
      });
      await queryClient.invalidateQueries({ queryKey: ['/agreements'] });
      onClose();
      navigate(`/agreements/${created.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const orgOptions = (organisations.data ?? []).map((o) => ({ value: o.id, label: local(o.name, o.nameEn) }));
  return (
    <Modal
      open={open}
      title={t('agreements.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('agreements.save')}
      okButtonProps={{ 'data-testid': 'agreement-save' } as Record<`data-${string}`, string>}
      confirmLoading={busy}
      destroyOnHidden
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: 'agreement', parties: me ? [me.organisation.id] : [] }}
      >
        {error ? (
          <Alert
            type="error"
            showIcon
            message={errorTitle(error)}
            description={<ErrorDetail error={error} />}
          />
        ) : null}
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="type" label={t('agreements.column.type')} rules={[{ required: true }]}>
              <Select options={agreementTypes.map((k) => ({ value: k, label: t(`agreements.type.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="title" label={t('agreements.column.title')} rules={[{ required: true }]}>
              <Input data-testid="agreement-title" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="effectiveOn"
              label={t('agreements.column.effectiveOn')}
              rules={[{ required: true }]}
            >
              <Input type="date" data-testid="agreement-effective" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="expiresOn" label={t('agreements.expiresOn')}>
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="parties" label={t('agreements.column.parties')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={orgOptions}
            optionFilterProp="label"
            data-testid="agreement-parties"
          />
        </Form.Item>
        <Form.Item name="clauseText" label={t('agreements.clause')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} data-testid="agreement-clause" />
        </Form.Item>
        <Divider>{t('agreements.target')}</Divider>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="indicatorId" label={t('agreements.indicator')}>
              <Select
                allowClear
                data-testid="agreement-indicator"
                options={(indicators.data ?? []).map((i) => ({
                  value: i.id,
                  label: local(i.name.zh, i.name.en),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="breakdownKey" label={t('agreements.county')}>
              <Select
                allowClear
                disabled={!byCounty}
                data-testid="agreement-county"
                options={(regions.data ?? [])
                  .filter((r) => r.level === 'county')
                  .map((r) => ({ value: r.id, label: local(r.name, r.nameEn) }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="baseline" label={t('agreements.baseline')} rules={[{ required: !!indicatorId }]}>
              <InputNumber style={{ width: '100%' }} data-testid="agreement-baseline" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="targetValue"
              label={t('agreements.targetValue')}
              rules={[{ required: !!indicatorId }]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="agreement-target-value" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="baselineOn"
              label={t('agreements.baselineOn')}
              rules={[{ required: !!indicatorId }]}
            >
              <Input type="date" data-testid="agreement-baseline-on" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="dueOn" label={t('agreements.dueOn')} rules={[{ required: !!indicatorId }]}>
              <Input type="date" data-testid="agreement-due-on" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="responsibleOrganisationId"
              label={t('agreements.responsible')}
              rules={[{ required: !!indicatorId }]}
            >
              <Select
                data-testid="agreement-responsible"
                options={orgOptions.filter((o) => parties.includes(o.value))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="duty" label={t('agreements.duty')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
