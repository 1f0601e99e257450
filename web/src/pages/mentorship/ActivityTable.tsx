import { Grid, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/states';
import { formatDate } from '../../i18n/format';
import type { Activity } from './types';

const kindColour: Record<Activity['kind'], string> = {
  case_discussion: 'purple',
  lecture: 'blue',
  teaching_round: 'green',
  demonstrated_operation: 'orange',
  remote_consult: 'cyan',
};

/** Teaching activities, newest first; the case summary opens under its row. */
export function ActivityTable({
  activities,
  loading,
  showTeacher = true,
}: {
  activities: Activity[] | undefined;
  loading: boolean;
  showTeacher?: boolean;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const columns: ColumnsType<Activity> = [
    { key: 'heldOn', title: t('mentorship.activity.heldOn'), render: (_, a) => formatDate(a.heldOn) },
    {
      key: 'kind',
      title: t('mentorship.activity.kind'),
      render: (_, a) => <Tag color={kindColour[a.kind]}>{t(`mentorship.kind.${a.kind}`)}</Tag>,
    },
    { key: 'title', title: t('mentorship.activity.title'), dataIndex: 'title' },
    ...(showTeacher
      ? [{ key: 'teacher', title: t('mentorship.activity.teacher'), dataIndex: 'teacherName' }]
      : []),
    {
      key: 'attendees',
      title: t('mentorship.activity.attendees'),
      responsive: ['sm'],
      render: (_, a) => a.attendees.map((p) => p.fullName).join('、'),
    },
    {
      key: 'facility',
      title: t('mentorship.activity.facility'),
      dataIndex: 'facilityName',
      responsive: ['md'],
    },
  ];
  return (
    <Table<Activity>
      size={screens.md ? 'middle' : 'small'}
      rowKey="id"
      columns={columns}
      dataSource={activities ?? []}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 10, hideOnSinglePage: true, simple: !screens.md }}
      expandable={{
        rowExpandable: (a) => a.caseSummary !== '' || a.competencies.length > 0,
        expandedRowRender: (a) => (
          <div>
            {a.competencies.length ? (
              <Typography.Paragraph>
                {t('mentorship.activity.competencies')}：{a.competencies.map((c) => c.name).join('、')}
              </Typography.Paragraph>
            ) : null}
            {a.caseSummary ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {a.caseSummary}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }}
      locale={{ emptyText: <EmptyState description={t('mentorship.noActivities')} /> }}
    />
  );
}
