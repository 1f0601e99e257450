import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../../src/auth/permissions';
import type { NeedAction } from '../../../../src/needs/workflow';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useSpecialtyName } from '../../components/reference';
import { ErrorDetail, LoadingState, useErrorTitle } from '../../components/states';
import { formatDate, formatNumber } from '../../i18n/format';
import { PriorityBreakdown } from './PriorityBreakdown';
import { type LikelyDuplicate, type Need, statusColor } from './types';

const permissionOf: Record<NeedAction, Permission> = {
  triage: 'needs:triage',
  reject: 'needs:triage',
  merge: 'needs:triage',
  match: 'needs:match',
  start: 'needs:resolve',
  resolve: 'needs:resolve',
  verify: 'needs:verify',
};

/** One need: its facts, priority parts, likely duplicates and the workflow actions the account may take. */
export function NeedDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const errorTitle = useErrorTitle();
  const specialtyName = useSpecialtyName();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [triage, setTriage] = useState<{ urgency?: number; effortExpertDays?: number }>({});
  const need = useQuery({
    queryKey: ['/needs', id],
    queryFn: () => api<Need>(`/needs/${id}`),
    enabled: !!id,
  });
  const duplicates = useQuery({
    queryKey: ['/needs', id, 'duplicates'],
    queryFn: () => api<{ items: LikelyDuplicate[] }>(`/needs/${id}/duplicates`).then((r) => r.items),
    enabled: !!id,
  });

  const run = async (action: NeedAction, body: unknown = {}) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/needs/${id}/${action}`, { method: 'POST', body });
      setReason('');
      await client.invalidateQueries({ queryKey: ['/needs'] });
      await client.invalidateQueries({ queryKey: ['/coverage'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const n = need.data;
  const allowed = (n?.actions ?? []).filter((a) => can(permissionOf[a]));
  return (
    <Drawer open={!!id} onClose={onClose} width={520} title={n?.title ?? t('needs.need')} destroyOnHidden>
      {!n ? (
        <LoadingState />
      ) : (
        <Flex vertical gap={16}>
          <Space wrap>
            <Tag color={statusColor[n.status]} data-testid="need-status">
              {t(`needs.statuses.${n.status}`)}
            </Tag>
            <Tag>{t(`needs.kinds.${n.kind}`)}</Tag>
            <Tag>{specialtyName(n.specialtyCode)}</Tag>
          </Space>
          {n.description ? <Typography.Paragraph>{n.description}</Typography.Paragraph> : null}
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'f', label: t('needs.facility'), children: n.facilityName },
              {
                key: 'c',
                label: t('needs.county'),
                children: [n.countyName, n.townshipName].filter(Boolean).join(' · '),
              },
              { key: 'r', label: t('needs.reportedAt'), children: formatDate(n.reportedAt) },
              {
                key: 'e',
                label: t('needs.effort'),
                children: n.effortExpertDays === null ? '—' : formatNumber(n.effortExpertDays, 1),
              },
              { key: 'k', label: t('needs.competencies'), children: n.competencies.join('、') || '—' },
              ...(n.statusReason ? [{ key: 's', label: t('needs.reason'), children: n.statusReason }] : []),
            ]}
          />
          <PriorityBreakdown need={n} />
          {duplicates.data?.length ? (
            <section aria-label={t('needs.duplicates')}>
              <Typography.Title level={3} style={{ fontSize: 15 }}>
                {t('needs.duplicates')}
              </Typography.Title>
              <List
                size="small"
                dataSource={duplicates.data}
                renderItem={(d) => (
                  <List.Item
                    actions={
                      allowed.includes('merge')
                        ? [
                            <Button
                              key="m"
                              size="small"
                              disabled={busy}
                              onClick={() => void run('merge', { intoId: d.id, reason: reason || undefined })}
                            >
                              {t('needs.mergeInto')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    {d.title} · {d.facilityName} ·{' '}
                    {t('needs.similarity', { value: Math.round(d.similarity * 100) })}
                  </List.Item>
                )}
              />
            </section>
          ) : null}
          {error ? (
            <Alert
              type="error"
              showIcon
              message={errorTitle(error)}
              description={<ErrorDetail error={error} />}
            />
          ) : null}
          {allowed.includes('triage') ? (
            <Form
              layout="inline"
              onFinish={() => void run('triage', triage)}
              aria-label={t('needs.actions.triage')}
            >
              <Form.Item label={t('needs.urgency')}>
                <InputNumber
                  min={1}
                  max={4}
                  defaultValue={n.urgency}
                  onChange={(v) => setTriage({ ...triage, urgency: v ?? undefined })}
                />
              </Form.Item>
              <Form.Item label={t('needs.effort')}>
                <InputNumber
                  min={0.5}
                  step={0.5}
                  defaultValue={n.effortExpertDays ?? undefined}
                  onChange={(v) => setTriage({ ...triage, effortExpertDays: v ?? undefined })}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('needs.actions.triage')}
              </Button>
            </Form>
          ) : null}
          {allowed.some((a) => a === 'reject' || a === 'merge') ? (
            <Input.TextArea
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('needs.reasonPlaceholder')}
              aria-label={t('needs.reason')}
            />
          ) : null}
          <Space wrap>
            {allowed
              .filter((a) => a !== 'triage' && a !== 'merge')
              .map((a) => (
                <Button
                  key={a}
                  danger={a === 'reject'}
                  disabled={busy || (a === 'reject' && !reason.trim())}
                  onClick={() => void run(a, a === 'reject' ? { reason } : {})}
                >
                  {t(`needs.actions.${a}`)}
                </Button>
              ))}
          </Space>
        </Flex>
      )}
    </Drawer>
  );
}
