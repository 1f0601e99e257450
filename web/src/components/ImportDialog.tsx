import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type ImportCellError } from '../app/api';
import { ErrorDetail, useErrorTitle } from './states';

/** Server messages of the import validator that have a translation (others are shown as sent). */
const knownMessages: [RegExp, string][] = [
  [/^required$/, 'required'],
  [/^unknown specialty$/, 'unknownSpecialty'],
  [/^unknown kind/, 'unknownKind'],
  [/^unknown title$/, 'unknownTitle'],
  [/^must be 男 or 女$/, 'gender'],
  [/^must be an 11-digit mobile number/, 'phone'],
  [/^no such organisation in your scope$/, 'unknownOrganisation'],
  [/^unknown column$/, 'unknownColumn'],
  [/^required column is missing$/, 'missingColumn'],
  [/^a name has at (least 2|most 100) characters$/, 'nameLength'],
  [/^Too small|>=|too small/i, 'outOfRange'],
  [/^Too big|<=|too big/i, 'outOfRange'],
];

type Props = {
  open: boolean;
  onClose: () => void;
  /** API path that takes the raw .xlsx body, e.g. `/people/import`. */
  path: string;
  /** Where the current records can be downloaded (doubles as a template). */
  templateHref: string;
  /** The template link's text (default: the template with the current records). */
  templateLabel?: string;
  title: string;
  onImported?: (count: number) => void;
};

/** Excel import, all or nothing: a bad file imports nothing and lists every bad cell by row and column. */
export function ImportDialog({ open, onClose, path, templateHref, templateLabel, title, onImported }: Props) {
  const { t, i18n } = useTranslation();
  const errorTitle = useErrorTitle();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ imported: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = () => {
    setFile(null);
    setResult(null);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api<{ imported: number }>(path, { method: 'POST', file });
      setResult(r);
      onImported?.(r.imported);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const translate = (message: string) => {
    const known = knownMessages.find(([re]) => re.test(message));
    return known && i18n.exists(`import.message.${known[1]}`) ? t(`import.message.${known[1]}`) : message;
  };
  const cellErrors: ImportCellError[] = error instanceof ApiError ? error.importErrors : [];

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      width={720}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{result ? t('action.close') : t('action.cancel')}</Button>
          {!result && (
            <Button
              type="primary"
              onClick={() => void submit()}
              disabled={!file}
              loading={busy}
              data-testid="import-submit"
            >
              {t('import.submit')}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('import.instructions')}{' '}
          <a href={templateHref} download>
            {templateLabel ?? t('import.template')}
          </a>
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          beforeUpload={(f) => {
            reset();
            setFile(f);
            return false;
          }}
          onRemove={() => reset()}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.allOrNothing')}</p>
        </Upload.Dragger>
        {result && (
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('import.done', { count: result.imported })}
            data-testid="import-done"
          />
        )}
        {error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={errorTitle(error)}
            description={<ErrorDetail error={error} />}
            data-testid="import-error"
          />
        ) : null}
        {cellErrors.length > 0 && (
          <Table<ImportCellError>
            size="small"
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            dataSource={cellErrors}
            pagination={cellErrors.length > 10 ? { pageSize: 10, size: 'small' } : false}
            scroll={{ x: 'max-content' }}
            data-testid="import-errors"
            columns={[
              { key: 'row', title: t('import.row'), dataIndex: 'row', width: 64 },
              { key: 'column', title: t('import.column'), dataIndex: 'column' },
              { key: 'value', title: t('import.value'), dataIndex: 'value', render: (v: string) => v || '—' },
              {
                key: 'message',
                title: t('import.problem'),
                dataIndex: 'message',
                render: (m: string) => {
                  const shown = translate(m);
                  return (
                    <span>
                      {shown}
                      {shown !== m ? (
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                          {m}
                        </Typography.Text>
                      ) : null}
                    </span>
                  );
                },
              },
            ]}
          />
        )}
      </Flex>
    </Modal>
  );
}
