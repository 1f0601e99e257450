import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { namesIn } from './patient-names';
import { FormError } from './shared';

const MAX_NAMES = 5000;

type Counts = { submitted: number; added: number; alreadyKnown: number };

/**
 * 登记患者姓名: the recipient side records its patients' names, so teaching notes that name one
 * are refused. Write-only: the page never shows names recorded before.
 */
export function PatientNamesModal({
  open,
  onClose,
  onImport,
}: {
  open: boolean;
  onClose: () => void;
  /** Switches to the Excel import of names. */
  onImport: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [counts, setCounts] = useState<Counts | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    setCounts(null);
  }, [open, form]);

  const check = (_: unknown, text: string | undefined) => {
    const names = namesIn(text ?? '');
    if (names.length === 0) return Promise.reject(new Error(t('mentorship.patientNames.empty')));
    if (names.length > MAX_NAMES)
      return Promise.reject(new Error(t('mentorship.patientNames.tooMany', { max: MAX_NAMES })));
    const bad = names.find((n) => n.length < 2 || n.length > 100);
    if (bad) return Promise.reject(new Error(t('mentorship.patientNames.badName', { name: bad })));
    return Promise.resolve();
  };

  const submit = async ({ text }: { text: string }) => {
    setError(null);
    setBusy(true);
    try {
      const result = await api<Counts>('/mentorship/patient-names', {
        method: 'POST',
        body: { names: namesIn(text) },
      });
      setCounts(result);
      form.resetFields();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('mentorship.patientNames.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('mentorship.patientNames.submit')}
      cancelText={t('mentorship.patientNames.close')}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">
        {t('mentorship.patientNames.help')}{' '}
        <Button type="link" size="small" style={{ padding: 0 }} onClick={onImport}>
          {t('mentorship.patientNames.importLink')}
        </Button>
      </Typography.Paragraph>
      <FormError error={error} />
      {counts ? (
        <Alert
          type="success"
          showIcon
          role="status"
          data-testid="patient-names-result"
          style={{ marginBottom: 16 }}
          title={t('mentorship.patientNames.result', counts)}
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="text"
          label={t('mentorship.patientNames.label')}
          rules={[{ validator: check }]}
          validateTrigger="onSubmit"
        >
          <Input.TextArea
            rows={8}
            placeholder={t('mentorship.patientNames.placeholder')}
            autoComplete="off"
            spellCheck={false}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
