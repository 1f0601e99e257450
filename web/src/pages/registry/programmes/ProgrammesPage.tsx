import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../app/api';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDate } from '../../../i18n/format';

type Programme = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  supporterRegion: string;
  recipientRegion: string;
  startedOn: string;
};

/** The paired-assistance programme(s) the account belongs to. */
export default function ProgrammesPage() {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['programmes'],
    queryFn: ({ signal }) => api<Page<Programme>>('/programmes', { signal }),
  });
  return (
    <>
      <PageHeader title={t('nav.programmes')} subtitle={t('programmes.subtitle')} />
      {query.isLoading ? (
        <LoadingState />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data?.items.length ? (
        <EmptyState description={t('programmes.empty')} />
      ) : (
        <Flex vertical gap={16}>
          {query.data.items.map((p) => (
            <Card key={p.id} title={i18n.language === 'en' && p.nameEn ? p.nameEn : p.name}>
              <Descriptions
                column={{ xs: 1, sm: 2, lg: 3 }}
                items={[
                  { key: 'supporter', label: t('programmes.supporter'), children: p.supporterRegion },
                  { key: 'recipient', label: t('programmes.recipient'), children: p.recipientRegion },
                  { key: 'started', label: t('programmes.startedOn'), children: formatDate(p.startedOn) },
                  { key: 'code', label: t('programmes.code'), children: p.code },
                  ...(i18n.language !== 'en' && p.nameEn
                    ? [{ key: 'en', label: t('programmes.nameEn'), children: p.nameEn }]
                    : []),
                ]}
              />
            </Card>
          ))}
        </Flex>
      )}
    </>
  );
}
