import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Input, message, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { needStatuses } from '../../../../src/needs/workflow';
import { apiUrl } from '../../app/api';
import { useAuth } from '../../app/auth';
import { DataTable } from '../../components/DataTable';
import { ImportDialog } from '../../components/ImportDialog';
import { useListState } from '../../components/list-state';
import { PageHeader } from '../../components/PageHeader';
import { useLocalName, useSpecialties, useSpecialtyName } from '../../components/reference';
import { formatDate, formatNumber } from '../../i18n/format';
import { NeedDrawer } from './NeedDrawer';
import { ReportNeedModal } from './ReportNeedModal';
import { type Need, statusColor } from './types';

const filterNames = ['q', 'status', 'specialtyCode', 'regionId', 'need'] as const;

/** Grassroots needs, most urgent first: report, triage and follow them through the workflow. */
export default function NeedsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const local = useLocalName();
  const client = useQueryClient();
  const specialties = useSpecialties();
  const specialtyName = useSpecialtyName();
  const [toast, toastHolder] = message.useMessage();
  const [state, update] = useListState(filterNames, { sort: 'priority', order: 'desc' });
  const { need: openId, ...filters } = state.filters;
  const [reporting, setReporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const refresh = () => void client.invalidateQueries({ queryKey: ['/needs'] });

  const columns: ColumnsType<Need> = [
    {
      key: 'priority',
      title: t('needs.priority'),
      dataIndex: ['priority', 'score'],
      sorter: true,
      align: 'right',
      render: (s: number) => <strong>{formatNumber(s, 1)}</strong>,
    },
    { key: 'title', title: t('needs.title'), dataIndex: 'title', sorter: true },
    {
      key: 'status',
      title: t('needs.status'),
      dataIndex: 'status',
      sorter: true,
      render: (s: Need['status']) => <Tag color={statusColor[s]}>{t(`needs.statuses.${s}`)}</Tag>,
    },
    {
      key: 'specialty',
      title: t('needs.specialty'),
      dataIndex: 'specialtyCode',
      render: (c: string) => specialtyName(c),
    },
    { key: 'facility', title: t('needs.facility'), dataIndex: 'facilityName', responsive: ['md'] },
    { key: 'county', title: t('needs.county'), dataIndex: 'countyName', responsive: ['lg'] },
    {
      key: 'urgency',
      title: t('needs.urgency'),
      dataIndex: 'urgency',
      sorter: true,
      align: 'right',
      responsive: ['sm'],
    },
    {
      key: 'reportedAt',
      title: t('needs.reportedAt'),
      dataIndex: 'reportedAt',
      sorter: true,
      responsive: ['md'],
      render: (d: string) => formatDate(d),
    },
  ];

  return (
    <>
      {toastHolder}
      <PageHeader
        title={t('nav.needs')}
        subtitle={t('needs.subtitle')}
        extra={
          <>
            {can('needs:report') ? (
              <>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)}>
                  {t('needs.report')}
                </Button>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  {t('needs.importButton')}
                </Button>
              </>
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl('/needs/export.xlsx', { sort: state.sort, order: state.order, ...filters })}
            >
              {t('action.export')}
            </Button>
          </>
        }
      />
      <search className="filters">
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('needs.search')}
          aria-label={t('needs.search')}
          onSearch={(q) => update({ q })}
        />
        <Select
          allowClear
          value={filters.status}
          placeholder={t('needs.allStatuses')}
          aria-label={t('needs.status')}
          onChange={(status) => update({ status })}
          options={needStatuses.map((s) => ({ value: s, label: t(`needs.statuses.${s}`) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.specialtyCode}
          placeholder={t('needs.allSpecialties')}
          aria-label={t('needs.specialty')}
          onChange={(specialtyCode) => update({ specialtyCode })}
          options={(specialties.data ?? []).map((s) => ({ value: s.code, label: local(s.nameZh, s.nameEn) }))}
        />
      </search>
      <DataTable<Need>
        path="/needs"
        label={t('nav.needs')}
        state={{ ...state, filters }}
        onChange={update}
        columns={columns}
        rowKey="id"
        emptyText={t('needs.empty')}
        onRow={(n) => ({ onClick: () => update({ need: n.id }), style: { cursor: 'pointer' } })}
      />
      <NeedDrawer id={openId ?? null} onClose={() => update({ need: undefined })} />
      <ReportNeedModal
        open={reporting}
        onClose={() => setReporting(false)}
        onReported={() => {
          refresh();
          void toast.success(t('needs.reported'));
        }}
      />
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        path="/needs/import"
        templateHref={apiUrl('/needs/export.xlsx')}
        title={t('needs.import')}
        onImported={(count) => {
          refresh();
          void toast.success(t('needs.imported', { count }));
        }}
      />
    </>
  );
}
