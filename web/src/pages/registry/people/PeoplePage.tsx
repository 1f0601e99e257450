import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Grid, Input, message, Popconfirm, Select, Space, TreeSelect } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personKinds } from '../../../../../src/db/schema';
import { ApiError, api, apiUrl } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { DataTable } from '../../../components/DataTable';
import { ImportDialog } from '../../../components/ImportDialog';
import { useListState } from '../../../components/list-state';
import { PageHeader } from '../../../components/PageHeader';
import {
  useLocalName,
  useOrganisations,
  useSpecialties,
  useSpecialtyName,
} from '../../../components/reference';
import { formatDate, formatNumber } from '../../../i18n/format';
import { PersonFormModal, type PersonRow } from './PersonFormModal';

type Person = PersonRow & {
  organisationName: string;
  deployments: number;
  createdAt: string;
};

const filterNames = ['q', 'kind', 'specialtyCode', 'organisationId'] as const;

/** People (experts, local staff, cadres) with filters, a checked create/edit form and Excel import. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const local = useLocalName();
  const specialtyName = useSpecialtyName();
  const specialties = useSpecialties();
  const organisations = useOrganisations();
  const [state, update] = useListState(filterNames, { sort: 'fullName' });
  const [editing, setEditing] = useState<PersonRow | null | 'new'>(null);
  const [importing, setImporting] = useState(false);
  const [toast, toastHolder] = message.useMessage();
  const canWrite = can('people:write');
  const screens = Grid.useBreakpoint();
  const refresh = () => void client.invalidateQueries({ queryKey: ['/people'] });

  const orgTree = useMemo(() => {
    const items = organisations.data ?? [];
    const ids = new Set(items.map((o) => o.id));
    type Node = { value: string; title: string; children: Node[] };
    const nodes = new Map<string, Node>(
      items.map((o) => [o.id, { value: o.id, title: local(o.name, o.nameEn), children: [] }]),
    );
    const roots: Node[] = [];
    for (const o of items) {
      const node = nodes.get(o.id)!;
      if (o.parentId && ids.has(o.parentId)) nodes.get(o.parentId)!.children.push(node);
      else roots.push(node);
    }
    return roots;
  }, [organisations.data, local]);

  const remove = async (p: Person) => {
    try {
      await api(`/people/${p.id}`, { method: 'DELETE' });
      toast.success(t('people.deleted', { name: p.fullName }));
      refresh();
    } catch (e) {
      toast.error(
        e instanceof ApiError
          ? `${t(`errors.${e.code}`, { defaultValue: t('errors.UNKNOWN') })}：${e.message}`
          : String(e),
      );
    }
  };

  const columns: ColumnsType<Person> = [
    { key: 'fullName', title: t('people.fullName'), dataIndex: 'fullName', sorter: true, fixed: 'left' },
    {
      key: 'kind',
      title: t('people.kind'),
      dataIndex: 'kind',
      sorter: true,
      render: (k: string) => t(`enum.personKind.${k}`),
    },
    {
      key: 'organisation',
      title: t('people.organisation'),
      dataIndex: 'organisationName',
      responsive: ['sm'],
    },
    {
      key: 'specialtyCode',
      title: t('people.specialty'),
      dataIndex: 'specialtyCode',
      sorter: true,
      render: (c: string | null) => specialtyName(c),
    },
    {
      key: 'title',
      title: t('people.title'),
      dataIndex: 'title',
      responsive: ['lg'],
      render: (v: string | null) => (v ? t(`enum.personTitle.${v}`) : '—'),
    },
    {
      key: 'phone',
      title: t('people.phone'),
      dataIndex: 'phone',
      responsive: ['lg'],
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'deployments',
      title: t('people.deployments'),
      dataIndex: 'deployments',
      align: 'right',
      responsive: ['md'],
      render: (n: number) => formatNumber(n),
    },
    {
      key: 'createdAt',
      title: t('people.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      responsive: ['xl'],
      render: (d: string) => formatDate(d),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('table.actions'),
            render: (_: unknown, p: Person) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(p)}
                  aria-label={t('people.editTitle', { name: p.fullName })}
                >
                  {screens.md ? t('action.edit') : null}
                </Button>
                <Popconfirm
                  title={t('people.confirmDelete', { name: p.fullName })}
                  okText={t('action.delete')}
                  cancelText={t('action.cancel')}
                  onConfirm={() => remove(p)}
                >
                  <Button
                    type="link"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('people.deleteLabel', { name: p.fullName })}
                  />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {toastHolder}
      <PageHeader
        title={t('nav.people')}
        subtitle={t('people.subtitle')}
        extra={
          <>
            {canWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="person-create"
              >
                {t('people.create')}
              </Button>
            )}
            {canWrite && (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="person-import"
              >
                {t('import.button')}
              </Button>
            )}
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl('/people/export.xlsx', { ...state.filters, sort: state.sort, order: state.order })}
            >
              {t('action.export')}
            </Button>
          </>
        }
      />
      <search className="filters">
        <Input.Search
          key={state.filters.q ?? ''}
          allowClear
          defaultValue={state.filters.q}
          placeholder={t('people.search')}
          aria-label={t('people.search')}
          onSearch={(q) => update({ q })}
        />
        <Select
          allowClear
          value={state.filters.kind}
          placeholder={t('people.allKinds')}
          aria-label={t('people.kind')}
          onChange={(kind) => update({ kind })}
          options={personKinds.map((k) => ({ value: k, label: t(`enum.personKind.${k}`) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={state.filters.specialtyCode}
          placeholder={t('people.allSpecialties')}
          aria-label={t('people.specialty')}
          onChange={(specialtyCode) => update({ specialtyCode })}
          options={(specialties.data ?? []).map((s) => ({ value: s.code, label: local(s.nameZh, s.nameEn) }))}
        />
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          value={state.filters.organisationId}
          placeholder={t('people.allOrganisations')}
          aria-label={t('people.organisation')}
          treeData={orgTree}
          onChange={(organisationId) => update({ organisationId })}
        />
      </search>
      <DataTable<Person>
        path="/people"
        label={t('nav.people')}
        state={state}
        onChange={update}
        columns={columns}
        rowKey="id"
        emptyText={t('people.empty')}
      />
      <PersonFormModal
        open={editing !== null}
        person={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          toast.success(t('people.saved'));
          setEditing(null);
          refresh();
        }}
      />
      <ImportDialog
        open={importing}
        title={t('people.importTitle')}
        path="/people/import"
        templateHref={apiUrl('/people/export.xlsx', { pageSize: undefined })}
        onClose={() => setImporting(false)}
        onImported={refresh}
      />
    </>
  );
}
