import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusColour, type Target } from './types';

/** A target's computed status, its reason on hover. */
export function TargetStatusTag({ target }: { target: Pick<Target, 'status' | 'reason' | 'id'> }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`agreements.reason.${target.reason}`)}>
      <Tag
        color={statusColour[target.status]}
        data-testid={`target-status-${target.id}`}
        data-status={target.status}
      >
        {t(`agreements.status.${target.status}`)}
      </Tag>
    </Tooltip>
  );
}
