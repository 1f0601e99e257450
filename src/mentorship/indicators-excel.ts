import type { Column } from '../shared/excel';
import type {
  GoalsOnTimeRow,
  LevelByFacilityRow,
  LocalShareRow,
  MentorshipIndicatorName,
  MonthsToLevel4Row,
  RemoteConsultRow,
} from './indicators';

const total = '合计';

/** The sheet and columns each indicator exports to. */
export const indicatorColumns: {
  [K in MentorshipIndicatorName]: { sheet: string; columns: Column<never>[] };
} = {
  apprenticesAtLevel: {
    sheet: '独立胜任人数 Level 4+',
    columns: [
      {
        key: 'competency',
        header: { zh: '能力项', en: 'Competency' },
        width: 28,
        value: (r: LevelByFacilityRow) => r.competencyName,
      },
      {
        key: 'facility',
        header: { zh: '医疗机构', en: 'Facility' },
        width: 28,
        value: (r: LevelByFacilityRow) => r.facilityName,
      },
      {
        key: 'apprentices',
        header: { zh: '人数', en: 'Apprentices' },
        value: (r: LevelByFacilityRow) => r.apprentices,
      },
    ] as Column<never>[],
  },
  goalsMetOnTime: {
    sheet: '目标按期达成 Goals on time',
    columns: [
      {
        key: 'batch',
        header: { zh: '批次', en: 'Batch' },
        value: (r: GoalsOnTimeRow) => r.batchName ?? total,
      },
      { key: 'due', header: { zh: '到期目标', en: 'Goals due' }, value: (r: GoalsOnTimeRow) => r.goalsDue },
      {
        key: 'met',
        header: { zh: '按期达成', en: 'Met on time' },
        value: (r: GoalsOnTimeRow) => r.metOnTime,
      },
      { key: 'share', header: { zh: '达成率', en: 'Share' }, value: (r: GoalsOnTimeRow) => r.share },
    ] as Column<never>[],
  },
  medianMonthsToLevel4: {
    sheet: '达到独立胜任月数 Months to 4',
    columns: [
      {
        key: 'competency',
        header: { zh: '能力项', en: 'Competency' },
        width: 28,
        value: (r: MonthsToLevel4Row) => r.competencyName ?? total,
      },
      {
        key: 'months',
        header: { zh: '中位月数', en: 'Median months' },
        value: (r: MonthsToLevel4Row) => r.medianMonths,
      },
      {
        key: 'apprentices',
        header: { zh: '人数', en: 'Apprentices' },
        value: (r: MonthsToLevel4Row) => r.apprentices,
      },
    ] as Column<never>[],
  },
  localServiceShare: {
    sheet: '本地完成占比 Local share',
    columns: [
      {
        key: 'service',
        header: { zh: '诊疗项目', en: 'Service' },
        width: 28,
        value: (r: LocalShareRow) => r.service,
      },
      { key: 'period', header: { zh: '期间', en: 'Period' }, value: (r: LocalShareRow) => r.period },
      {
        key: 'local',
        header: { zh: '本地人员完成', en: 'By local staff' },
        value: (r: LocalShareRow) => r.localCount,
      },
      {
        key: 'aid',
        header: { zh: '援派专家完成', en: 'By aid experts' },
        value: (r: LocalShareRow) => r.aidCount,
      },
      {
        key: 'share',
        header: { zh: '本地占比', en: 'Local share' },
        value: (r: LocalShareRow) => r.localShare,
      },
    ] as Column<never>[],
  },
  remoteConsultsAfterDeparture: {
    sheet: '离任后远程会诊 Remote consults',
    columns: [
      { key: 'mentor', header: { zh: '导师', en: 'Mentor' }, value: (r: RemoteConsultRow) => r.mentorName },
      {
        key: 'apprentice',
        header: { zh: '学员', en: 'Apprentice' },
        value: (r: RemoteConsultRow) => r.apprenticeName,
      },
      { key: 'quarter', header: { zh: '季度', en: 'Quarter' }, value: (r: RemoteConsultRow) => r.quarter },
      {
        key: 'consults',
        header: { zh: '会诊次数', en: 'Consults' },
        value: (r: RemoteConsultRow) => r.consults,
      },
    ] as Column<never>[],
  },
};
