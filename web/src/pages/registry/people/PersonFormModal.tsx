import { Alert, Form, Input, InputNumber, Modal, Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personKinds, personTitles } from '../../../../../src/db/schema';
import { ApiError, api } from '../../../app/api';
import { useLocalName, useOrganisations, useSpecialties } from '../../../components/reference';
import { ErrorDetail, useErrorTitle } from '../../../components/states';
import {
  type PersonField,
  type PersonFormValues,
  personProblems,
  problemKeys,
  toPersonInput,
} from './person-form';

export type PersonRow = PersonFormValues & { id: string; fullName: string };

type Props = { open: boolean; person: PersonRow | null; onClose: () => void; onSaved: () => void };

const fields: PersonField[] = [
  'fullName',
  'kind',
  'organisationId',
  'gender',
  'birthYear',
  'title',
  'specialtyCode',
  'phone',
];

/** Create or edit a person; fields are checked with the server's schema as they are filled in. */
export function PersonFormModal({ open, person, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const local = useLocalName();
  const errorTitle = useErrorTitle();
  const [form] = Form.useForm<PersonFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const organisations = useOrganisations(open);
  const specialties = useSpecialties();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (person) form.setFieldsValue(person);
  }, [open, person, form]);

  const translate = (p: { field: string; code: string; message: string }) => {
    const key = problemKeys(p).find((k) => i18n.exists(k));
    return key ? t(key) : p.message;
  };

  /** One rule per field: the whole form is checked by the schema, this field's problem is reported. */
  const rule = (field: PersonField) => ({
    validator: async () => {
      const problem = personProblems(form.getFieldsValue(true)).find((p) => p.field === field);
      if (problem) throw new Error(translate(problem));
    },
  });

  const orgTree = useMemo(() => {
    const items = organisations.data ?? [];
    const ids = new Set(items.map((o) => o.id));
    type Node = { value: string; title: string; children: Node[] };
    const nodes = new Map<string, Node>(
      items.map((o) => [o.id, { value: o.id, title: local(o.name, o.nameEn), children: [] }]),
    );
    const roots: Node[] = [];
    for (const o of items) {
      const node = nodes.get(o.id)!;
      if (o.parentId && ids.has(o.parentId)) nodes.get(o.parentId)!.children.push(node);
      else roots.push(node);
    }
    return roots;
  }, [organisations.data, local]);

  const submit = async () => {
    setError(null);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const body = toPersonInput(form.getFieldsValue(true));
    setBusy(true);
    try {
      if (person) await api(`/people/${person.id}`, { method: 'PATCH', body });
      else await api('/people', { method: 'POST', body });
      onSaved();
    } catch (e) {
      setError(e);
      // The server's field problems go next to their fields.
      if (e instanceof ApiError && e.issues.length) {
        form.setFields(
          e.issues
            .filter((i) => fields.includes(i.path as PersonField))
            .map((i) => ({ name: i.path as PersonField, errors: [i.message] })),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={person ? t('people.editTitle', { name: person.fullName }) : t('people.createTitle')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      width={640}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'person-save' } as never}
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={errorTitle(error)}
          description={<ErrorDetail error={error} />}
        />
      ) : null}
      <Form<PersonFormValues>
        form={form}
        layout="vertical"
        requiredMark
        name="person"
        onFinish={() => void submit()}
      >
        <Form.Item name="fullName" label={t('people.fullName')} required rules={[rule('fullName')]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('people.kind')} required rules={[rule('kind')]}>
          <Select options={personKinds.map((k) => ({ value: k, label: t(`enum.personKind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="organisationId"
          label={t('people.organisation')}
          required
          rules={[rule('organisationId')]}
        >
          <TreeSelect
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={orgTree}
            treeDefaultExpandAll
            loading={organisations.isLoading}
            listHeight={320}
          />
        </Form.Item>
        <Form.Item name="gender" label={t('people.gender')} rules={[rule('gender')]}>
          <Select
            allowClear
            options={(['female', 'male'] as const).map((g) => ({ value: g, label: t(`enum.gender.${g}`) }))}
          />
        </Form.Item>
        <Form.Item name="birthYear" label={t('people.birthYear')} rules={[rule('birthYear')]}>
          <InputNumber style={{ width: '100%' }} controls={false} />
        </Form.Item>
        <Form.Item name="title" label={t('people.title')} rules={[rule('title')]}>
          <Select
            allowClear
            options={personTitles.map((v) => ({ value: v, label: t(`enum.personTitle.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="specialtyCode" label={t('people.specialty')} rules={[rule('specialtyCode')]}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={specialties.isLoading}
            options={(specialties.data ?? []).map((s) => ({
              value: s.code,
              label: local(s.nameZh, s.nameEn),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('people.phone')}
          rules={[rule('phone')]}
          extra={t('people.phoneHint')}
        >
          <Input inputMode="tel" autoComplete="off" maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
