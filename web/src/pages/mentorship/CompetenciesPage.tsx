import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Grid, Input, Modal, message, Select, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { competencyInput, competencyPatch } from '../../../../src/mentorship/schema';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../components/PageHeader';
import { useLocalName, useSpecialties, useSpecialtyName } from '../../components/reference';
import { EmptyState, ErrorState } from '../../components/states';
import { checkWith, FormError, placeServerIssues } from './shared';
import { type Competency, useCompetencies } from './types';

type Values = {
  specialtyCode?: string;
  code?: string;
  name?: string;
  nameEn?: string;
  description?: string;
  retired?: boolean;
};

/** 能力项目录: the skills contracts set goals in, per specialty; administrators add, edit and retire them. */
export default function CompetenciesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const local = useLocalName();
  const screens = Grid.useBreakpoint();
  const client = useQueryClient();
  const specialties = useSpecialties();
  const specialtyName = useSpecialtyName();
  const [toast, toastHolder] = message.useMessage();
  const [specialty, setSpecialty] = useState<string>();
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<Competency | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<Values>();
  const q = useCompetencies(showRetired);
  const mayEdit = can('competencies:write');
  const rows = (q.data ?? []).filter((c) => !specialty || c.specialtyCode === specialty);

  const open = (c: Competency | 'new') => {
    form.resetFields();
    setError(null);
    if (c !== 'new')
      form.setFieldsValue({
        specialtyCode: c.specialtyCode,
        code: c.code,
        name: c.name,
        nameEn: c.nameEn ?? '',
        description: c.description,
        retired: c.retired,
      });
    else form.setFieldsValue({ specialtyCode: specialty });
    setEditing(c);
  };
  const save = async (v: Values) => {
    if (!editing) return;
    const isNew = editing === 'new';
    const body = isNew
      ? {
          specialtyCode: v.specialtyCode,
          code: v.code,
          name: v.name ?? '',
          nameEn: v.nameEn || null,
          description: v.description ?? '',
        }
      : {
          name: v.name ?? '',
          nameEn: v.nameEn || null,
          description: v.description ?? '',
          retired: !!v.retired,
        };
    const valid = isNew
      ? checkWith(t, competencyInput, body, form)
      : checkWith(t, competencyPatch, body, form);
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      await api(isNew ? '/mentorship/competencies' : `/mentorship/competencies/${editing.id}`, {
        method: isNew ? 'POST' : 'PATCH',
        body: valid,
      });
      void client.invalidateQueries({ queryKey: ['/mentorship/competencies'] });
      setEditing(null);
      void toast.success(t('mentorship.catalogue.saved'));
    } catch (e) {
      if (!placeServerIssues(e, form, ['code', 'name', 'specialtyCode'])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<Competency> = [
    {
      key: 'name',
      title: t('mentorship.catalogue.name'),
      render: (_, c) => (
        <>
          {local(c.name, c.nameEn)} {c.retired ? <Tag>{t('mentorship.catalogue.retired')}</Tag> : null}
        </>
      ),
    },
    {
      key: 'specialty',
      title: t('mentorship.catalogue.specialty'),
      render: (_, c) => specialtyName(c.specialtyCode),
    },
    { key: 'code', title: t('mentorship.catalogue.code'), dataIndex: 'code', responsive: ['md'] },
    {
      key: 'description',
      title: t('mentorship.catalogue.description'),
      dataIndex: 'description',
      responsive: ['lg'],
    },
    ...(mayEdit
      ? [
          {
            key: 'edit',
            title: '',
            render: (_: unknown, c: Competency) => (
              <Button size="small" type="link" onClick={() => open(c)}>
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
        title={t('nav.competencies')}
        subtitle={t('mentorship.catalogue.subtitle')}
        extra={
          mayEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
              {t('mentorship.catalogue.add')}
            </Button>
          ) : null
        }
      />
      <search className="filters">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={specialty}
          placeholder={t('mentorship.ind.allSpecialties')}
          aria-label={t('mentorship.catalogue.specialty')}
          onChange={(v?: string) => setSpecialty(v)}
          options={(specialties.data ?? []).map((s) => ({ value: s.code, label: local(s.nameZh, s.nameEn) }))}
        />
        <span>
          <Switch
            checked={showRetired}
            onChange={setShowRetired}
            aria-label={t('mentorship.catalogue.showRetired')}
          />{' '}
          {t('mentorship.catalogue.showRetired')}
        </span>
      </search>
      {q.error ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<Competency>
        size={screens.md ? 'middle' : 'small'}
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={q.isLoading}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState /> }}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('mentorship.catalogue.add') : t('action.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('action.save')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <FormError error={error} />
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="specialtyCode" label={t('mentorship.catalogue.specialty')}>
            <Select
              disabled={editing !== 'new'}
              showSearch={{ optionFilterProp: 'label' }}
              options={(specialties.data ?? []).map((s) => ({
                value: s.code,
                label: local(s.nameZh, s.nameEn),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('mentorship.catalogue.code')}
            extra={t('mentorship.catalogue.codeHint')}
          >
            <Input disabled={editing !== 'new'} maxLength={60} />
          </Form.Item>
          <Form.Item name="name" label={t('mentorship.catalogue.name')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('mentorship.catalogue.nameEn')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('mentorship.catalogue.description')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          {editing !== 'new' ? (
            <Form.Item name="retired" label={t('mentorship.catalogue.retired')} valuePropName="checked">
              <Switch />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
