import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAuth } from './auth';
import { navGroups, pages } from './pages';

/** The pages this account may use, grouped by capability; nothing else is listed. */
export function useVisiblePages() {
  const { can } = useAuth();
  return pages.filter((p) => p.nav && can(p.permission));
}

/** The navigation menu: real links (keyboard and middle-click work), the current page selected. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const visible = useVisiblePages();
  const selected = visible.find(
    (p) => location.pathname === `/${p.path}` || location.pathname.startsWith(`/${p.path}/`),
  );
  const items: MenuProps['items'] = navGroups
    .map((group) => ({
      type: 'group' as const,
      key: group,
      label: t(`nav.group.${group}`),
      children: visible
        .filter((p) => p.nav?.group === group)
        .map((p) => ({
          key: p.id,
          icon: p.nav?.icon,
          label: (
            <Link to={`/${p.path}`} onClick={onNavigate}>
              {t(`nav.${p.id}`)}
            </Link>
          ),
        })),
    }))
    .filter((g) => g.children.length > 0);
  return (
    <nav aria-label={t('nav.label')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected ? [selected.id] : []}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );
}
