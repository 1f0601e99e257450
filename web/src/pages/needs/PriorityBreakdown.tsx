import { Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { priorityWeights } from '../../../../src/needs/priority';
import { formatNumber } from '../../i18n/format';
import type { Need } from './types';

const parts = ['urgency', 'population', 'remoteness', 'waiting'] as const;

/** The priority score with its four parts, each against its maximum, so a cadre sees why. */
export function PriorityBreakdown({ need }: { need: Need }) {
  const { t } = useTranslation();
  const inputs: Record<(typeof parts)[number], string> = {
    urgency: t('needs.urgencyLevel', { level: need.urgency }),
    population: t('needs.people', {
      count: need.populationAffected,
      formatted: formatNumber(need.populationAffected),
    }),
    remoteness: t('needs.hours', { hours: formatNumber(need.remotenessHours, 1) }),
    waiting: t('needs.days', { count: need.priority.waitingDays }),
  };
  return (
    <section aria-label={t('needs.priority')} data-testid="priority-breakdown">
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('needs.priority')}: {formatNumber(need.priority.score, 1)} / 100
      </Typography.Title>
      <Flex vertical gap={4}>
        {parts.map((p) => (
          <div key={p}>
            <Flex justify="space-between" style={{ fontSize: 12 }}>
              <span>
                {t(`needs.part.${p}`)} · {inputs[p]}
              </span>
              <span>
                {formatNumber(need.priority.parts[p], 1)} / {priorityWeights[p]}
              </span>
            </Flex>
            <Progress
              percent={(need.priority.parts[p] / priorityWeights[p]) * 100}
              showInfo={false}
              size="small"
              aria-label={t(`needs.part.${p}`)}
            />
          </div>
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('needs.priorityFormula')}
      </Typography.Text>
    </section>
  );
}
