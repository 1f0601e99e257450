import { DatePicker, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { useListState } from '../../../components/list-state';
import { PageHeader } from '../../../components/PageHeader';
import {
  useAllBatches,
  useLocalName,
  useRegions,
  useSpecialties,
  useSpecialtyName,
} from '../../../components/reference';
import { formatDate } from '../../../i18n/format';
import type { Deployment } from '../batches/BatchTimelines';

const filterNames = ['batchId', 'countyId', 'specialtyCode', 'term', 'onDate'] as const;

/** Deployments (an expert's stay at a host facility) with filters, paged and sorted by the server. */
export default function DeploymentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const local = useLocalName();
  const specialtyName = useSpecialtyName();
  const specialties = useSpecialties();
  const batches = useAllBatches();
  const regions = useRegions();
  const [state, update] = useListState(filterNames, { sort: 'startsOn', order: 'desc' });
  const f = state.filters;

  const columns: ColumnsType<Deployment> = [
    {
      key: 'personName',
      title: t('deployments.person'),
      dataIndex: 'personName',
      sorter: true,
      fixed: 'left',
      render: (name: string, d) => <Link to={`/deployments/${d.id}`}>{name}</Link>,
    },
    {
      key: 'batchNumber',
      title: t('deployments.batch'),
      dataIndex: 'batchNumber',
      sorter: true,
      render: (n: number) => t('batches.ordinal', { number: n }),
    },
    {
      key: 'specialty',
      title: t('deployments.specialty'),
      dataIndex: 'specialtyCode',
      render: (c: string) => specialtyName(c),
    },
    {
      key: 'hostFacilityName',
      title: t('deployments.host'),
      dataIndex: 'hostFacilityName',
      sorter: true,
      responsive: ['sm'],
    },
    { key: 'region', title: t('deployments.region'), dataIndex: 'hostRegionName', responsive: ['lg'] },
    { key: 'home', title: t('deployments.home'), dataIndex: 'homeOrganisationName', responsive: ['xl'] },
    {
      key: 'term',
      title: t('deployments.term'),
      dataIndex: 'term',
      responsive: ['md'],
      render: (v: 'long' | 'short') => (
        <Tag color={v === 'long' ? 'green' : 'orange'}>{t(`enum.term.${v}`)}</Tag>
      ),
    },
    {
      key: 'startsOn',
      title: t('deployments.startsOn'),
      dataIndex: 'startsOn',
      sorter: true,
      render: (d: string) => formatDate(d),
    },
    {
      key: 'endsOn',
      title: t('deployments.endsOn'),
      dataIndex: 'endsOn',
      sorter: true,
      responsive: ['md'],
      render: (d: string) => formatDate(d),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.deployments')} subtitle={t('deployments.subtitle')} />
      <search className="filters">
        <Select
          allowClear
          value={f.batchId}
          placeholder={t('deployments.allBatches')}
          aria-label={t('deployments.batch')}
          onChange={(batchId) => update({ batchId })}
          options={(batches.data ?? []).map((b) => ({
            value: b.id,
            label: t('batches.numbered', { number: b.number, name: b.name }),
          }))}
        />
        <Select
          allowClear
          value={f.countyId}
          placeholder={t('deployments.allCounties')}
          aria-label={t('deployments.county')}
          onChange={(countyId) => update({ countyId })}
          options={(regions.data ?? [])
            .filter((r) => r.level === 'county')
            .map((r) => ({ value: r.id, label: local(r.name, r.nameEn) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={f.specialtyCode}
          placeholder={t('deployments.allSpecialties')}
          aria-label={t('deployments.specialty')}
          onChange={(specialtyCode) => update({ specialtyCode })}
          options={(specialties.data ?? []).map((s) => ({ value: s.code, label: local(s.nameZh, s.nameEn) }))}
        />
        <Select
          allowClear
          value={f.term}
          placeholder={t('deployments.allTerms')}
          aria-label={t('deployments.term')}
          onChange={(term) => update({ term })}
          options={(['long', 'short'] as const).map((v) => ({ value: v, label: t(`enum.term.${v}`) }))}
        />
        <DatePicker
          allowClear
          value={f.onDate ? dayjs(f.onDate) : null}
          placeholder={t('deployments.onDate')}
          aria-label={t('deployments.onDate')}
          onChange={(d) => update({ onDate: d ? d.format('YYYY-MM-DD') : undefined })}
        />
      </search>
      <DataTable<Deployment>
        path="/deployments"
        label={t('nav.deployments')}
        state={state}
        onChange={update}
        columns={columns}
        rowKey="id"
        emptyText={t('deployments.empty')}
        onRow={(d) => ({ onDoubleClick: () => navigate(`/deployments/${d.id}`) })}
      />
    </>
  );
}
