import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api';
import { PageHeader } from '../../../components/PageHeader';
import { useSpecialtyName } from '../../../components/reference';
import { ErrorState, LoadingState } from '../../../components/states';
import { daysBetween, formatDate, formatNumber } from '../../../i18n/format';

type DeploymentDetail = {
  id: string;
  batchId: string;
  batchNumber: number;
  personId: string;
  personName: string;
  homeOrganisationName: string;
  hostFacilityId: string;
  hostFacilityName: string;
  hostFacilityLevel: string;
  hostRegionName: string;
  specialtyCode: string;
  term: 'long' | 'short';
  startsOn: string;
  endsOn: string;
  updatedAt: string;
};

/** One deployment: who, from where, to which facility, for which batch and how long. */
export default function DeploymentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const specialtyName = useSpecialtyName();
  const query = useQuery({
    queryKey: ['deployment', id],
    queryFn: ({ signal }) => api<DeploymentDetail>(`/deployments/${id}`, { signal }),
  });
  const back = (
    <Link to="/deployments">
      <Button icon={<ArrowLeftOutlined />}>{t('deployments.backToList')}</Button>
    </Link>
  );
  if (query.isLoading) return <LoadingState />;
  if (query.error || !query.data)
    return (
      <>
        <PageHeader title={t('nav.deployment')} extra={back} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  const d = query.data;
  return (
    <>
      <PageHeader
        title={t('deployments.detailTitle', { name: d.personName })}
        subtitle={d.hostFacilityName}
        extra={back}
      />
      <Card>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          bordered
          size="middle"
          items={[
            {
              key: 'person',
              label: t('deployments.person'),
              children: <Link to={`/people?q=${encodeURIComponent(d.personName)}`}>{d.personName}</Link>,
            },
            { key: 'specialty', label: t('deployments.specialty'), children: specialtyName(d.specialtyCode) },
            { key: 'home', label: t('deployments.home'), children: d.homeOrganisationName },
            {
              key: 'batch',
              label: t('deployments.batch'),
              children: (
                <Link to={`/batches?batchId=${d.batchId}`}>
                  {t('batches.ordinal', { number: d.batchNumber })}
                </Link>
              ),
            },
            {
              key: 'host',
              label: t('deployments.host'),
              children: (
                <Link to={`/facilities?q=${encodeURIComponent(d.hostFacilityName)}`}>
                  {d.hostFacilityName}
                </Link>
              ),
            },
            {
              key: 'level',
              label: t('facilities.level'),
              children: t(`enum.facilityLevel.${d.hostFacilityLevel}`),
            },
            { key: 'region', label: t('deployments.region'), children: d.hostRegionName },
            {
              key: 'term',
              label: t('deployments.term'),
              children: <Tag color={d.term === 'long' ? 'green' : 'orange'}>{t(`enum.term.${d.term}`)}</Tag>,
            },
            {
              key: 'period',
              label: t('deployments.period'),
              children: t('batches.period', { from: formatDate(d.startsOn), to: formatDate(d.endsOn) }),
            },
            {
              key: 'days',
              label: t('deployments.days'),
              children: formatNumber(daysBetween(d.startsOn, d.endsOn)),
            },
          ]}
        />
      </Card>
    </>
  );
}
