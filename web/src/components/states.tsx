import { Alert, Button, Empty, Flex, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';

/** Loading: a labelled spinner, so screen readers and slow phones both say what is happening. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" style={{ minHeight: 160 }} role="status" aria-live="polite">
      <Spin />
      <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
        {label ?? t('state.loading')}
      </Typography.Text>
    </Flex>
  );
}

/** Nothing to show yet: says so, and what to do about it when there is something to do. */
export function EmptyState({ description, action }: { description?: string; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('state.empty')}>
      {action}
    </Empty>
  );
}

/** The headline of an error in the interface's language, by the server's stable code. */
export function useErrorTitle() {
  const { t, i18n } = useTranslation();
  return (error: unknown) => {
    const code = error instanceof ApiError ? error.code : 'UNKNOWN';
    return i18n.exists(`errors.${code}`) ? t(`errors.${code}`) : t('errors.UNKNOWN');
  };
}

/** The server's own message (and request id for support) under a translated headline. */
export function ErrorDetail({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return <span>{(error as Error)?.message}</span>;
  return (
    <span>
      <span data-testid="server-message">{error.message}</span>
      {error.requestId ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('state.requestId', { id: error.requestId })}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** A failed request, inline: headline, the server's message, and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const title = useErrorTitle();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title(error)}
      description={<ErrorDetail error={error} />}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('action.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** A whole page that cannot be shown (no permission, not found): a plain, light-weight notice. */
export function PageResult({
  status,
  title,
  subTitle,
  extra,
}: {
  status: 403 | 404 | 500;
  title: string;
  subTitle?: string;
  extra?: ReactNode;
}) {
  return (
    <Flex
      vertical
      align="center"
      gap={12}
      style={{ padding: '48px 16px', textAlign: 'center' }}
      data-status={status}
    >
      <Typography.Text
        type="secondary"
        style={{ fontSize: 48, fontWeight: 700, lineHeight: 1 }}
        aria-hidden="true"
      >
        {status}
      </Typography.Text>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {title}
      </Typography.Title>
      {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
      {extra}
    </Flex>
  );
}
