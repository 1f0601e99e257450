import { GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Flex, Grid, Layout, Tag, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { LoadingState } from '../components/states';
import type { Locale } from '../i18n';
import { type Me, useAuth } from './auth';
import { NavMenu } from './nav';

const BRAND = '#0b6e4f';

/** Who is logged in: name, role and the organisation whose subtree they see. */
function Identity({ me, compact }: { me: Me; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const orgName =
    i18n.language === 'en' && me.organisation.nameEn ? me.organisation.nameEn : me.organisation.name;
  return (
    <Flex
      vertical={compact}
      gap={compact ? 4 : 8}
      align={compact ? 'flex-start' : 'center'}
      data-testid="identity"
    >
      <Typography.Text strong>{me.displayName}</Typography.Text>
      <Tag color="green" style={{ marginInlineEnd: 0 }}>
        {t(`role.${me.role}`)}
      </Tag>
      <Typography.Text type="secondary" ellipsis style={{ maxWidth: compact ? 220 : 260 }}>
        {t('shell.scope', { organisation: orgName })}
      </Typography.Text>
    </Flex>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { changeLocale } = useAuth();
  const other: Locale = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => void changeLocale(other)}
      aria-label={t('shell.switchLanguage')}
      data-testid="language-switch"
    >
      {t(`language.${other}`)}
    </Button>
  );
}

/** The app shell: header with identity, language and logout; navigation by capability; the page. */
export function Shell() {
  const { t } = useTranslation();
  const { me, logOut } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isWide = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  if (!me) return null;

  const doLogOut = async () => {
    await logOut();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          paddingInline: isWide ? 24 : 8,
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {!isWide && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('shell.openMenu')}
            onClick={() => setDrawerOpen(true)}
            data-testid="menu-button"
          />
        )}
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, color: BRAND, minWidth: 0 }}>
          <span className="brand-mark" aria-hidden="true">
            {t('app.mark')}
          </span>
          <Typography.Text strong style={{ color: BRAND, fontSize: 16, whiteSpace: 'nowrap' }} ellipsis>
            {isWide ? t('app.title') : t('app.name')}
          </Typography.Text>
        </Link>
        <div style={{ flex: 1 }} />
        {isWide && <Identity me={me} />}
        <LanguageSwitch />
        {isWide ? (
          <Button icon={<LogoutOutlined />} onClick={() => void doLogOut()} data-testid="logout">
            {t('shell.logout')}
          </Button>
        ) : (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'who', label: <Identity me={me} compact />, disabled: true },
                { type: 'divider' },
                {
                  key: 'logout',
                  icon: <LogoutOutlined />,
                  label: t('shell.logout'),
                  onClick: () => void doLogOut(),
                },
              ],
            }}
          >
            <Button
              type="text"
              icon={<UserOutlined />}
              aria-label={t('shell.account')}
              data-testid="account-button"
            />
          </Dropdown>
        )}
      </Layout.Header>
      <Layout>
        {isWide ? (
          <Layout.Sider width={216} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            <NavMenu />
          </Layout.Sider>
        ) : (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            title={<Identity me={me} compact />}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Layout.Content id="main" tabIndex={-1} style={{ padding: isWide ? 24 : 12, minWidth: 0 }}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
