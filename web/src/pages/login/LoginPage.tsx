import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorDetail, useErrorTitle } from '../../components/states';
import { type Locale, setLocale } from '../../i18n';

type Credentials = { username: string; password: string };

/** Log in with a username and password; the language can be chosen before logging in. */
export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const { me, logIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const errorTitle = useErrorTitle();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (me) return <Navigate to={from} replace />;

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await logIn(values.username.trim(), values.password);
      navigate(from, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const other: Locale = i18n.language === 'en' ? 'zh-CN' : 'en';

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
      <main style={{ width: '100%', maxWidth: 400 }}>
        <Flex justify="flex-end">
          <Button
            type="text"
            icon={<GlobalOutlined />}
            onClick={() => setLocale(other)}
            data-testid="language-switch"
          >
            {t(`language.${other}`)}
          </Button>
        </Flex>
        <div className="login-card">
          <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
            <span className="brand-mark" style={{ width: 44, height: 44, fontSize: 22 }} aria-hidden="true">
              {t('app.mark')}
            </span>
            <Typography.Title level={1} style={{ fontSize: 22, margin: '8px 0 0' }}>
              {t('app.title')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('login.subtitle')}
            </Typography.Text>
          </Flex>
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
          <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, message: t('login.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
        </div>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, fontSize: 12 }}>
          {t('login.footer')}
        </Typography.Paragraph>
      </main>
    </Flex>
  );
}
