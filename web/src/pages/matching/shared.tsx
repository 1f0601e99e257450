import { Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSpecialtyName } from '../../components/reference';
import { formatNumber } from '../../i18n/format';
import type { Assignment, PersonRef, ProposalStatus, Rules, Unserved } from './types';

const statusColour: Record<ProposalStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'blue',
  failed: 'red',
  accepted: 'green',
  superseded: 'default',
};

export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColour[status]} data-testid="proposal-status">
      {t(`matching.status.${status}`)}
    </Tag>
  );
}

/** The solver's progress while a proposal is queued or running. */
export function ProposalProgress({ status, progress }: { status: ProposalStatus; progress: number }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="proposal-progress">
      <Progress
        percent={status === 'queued' ? 0 : Math.round(progress * 100)}
        status="active"
        aria-label={t('matching.progressLabel')}
      />
      <Typography.Text type="secondary">{t(`matching.progressHint.${status}`)}</Typography.Text>
    </Space>
  );
}

/** "主任医师 张三" — the expert's name with the title in the interface language. */
export function useExpertName() {
  const { t } = useTranslation();
  return (p: PersonRef | null | undefined) =>
    !p
      ? '—'
      : p.title
        ? t('matching.expertWithTitle', { name: p.name, title: t(`enum.personTitle.${p.title}`) })
        : p.name;
}

export const score = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : formatNumber(x, 1);
export const percent = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${formatNumber(x * 100, 2)}%`;

/** Why an expert got a need, in plain words. */
export function useAssignmentReason() {
  const { t } = useTranslation();
  const specialtyName = useSpecialtyName();
  return (a: Assignment) => {
    const r = a.reason;
    const parts = [
      t('matching.why.specialty', { specialty: specialtyName(r.specialtyCode) }) +
        (r.competencies.length > 0
          ? t('matching.why.competencies', { list: r.competencies.join('、') })
          : ''),
      r.travelHours === 0
        ? t('matching.why.onSite')
        : t('matching.why.travel', { hours: formatNumber(r.travelHours, 1) }),
      t('matching.why.effort', {
        effort: formatNumber(r.effortDays, 1),
        weight: formatNumber(r.weightDays, 1),
      }),
      t('matching.why.value', {
        priority: formatNumber(r.priority, 1),
        travelCost: formatNumber(r.travelCost, 1),
        value: formatNumber(r.value, 1),
      }),
    ];
    return parts.join(t('matching.why.separator'));
  };
}

/** Why a need is left unserved, in plain words (with the figures behind it). */
export function useUnservedReason() {
  const { t } = useTranslation();
  const specialtyName = useSpecialtyName();
  return (u: Unserved, rules: Rules | undefined) => {
    const d = u.detail;
    return t(`matching.whyNot.${u.reason === 'too_far' && d.nearestHours === null ? 'no_road' : u.reason}`, {
      specialty: specialtyName(u.specialtyCode),
      specialists: d.specialists,
      eligible: d.eligible,
      nearest: d.nearestHours === null ? '—' : formatNumber(d.nearestHours, 1),
      limit: rules ? formatNumber(rules.maxTravelHours, 1) : '—',
      effort: formatNumber(d.effortDays, 1),
    });
  };
}
