import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { AuthProvider } from './auth';
import { queryClient } from './query-client';
import { router } from './router';

const theme = {
  token: { colorPrimary: '#0b6e4f', borderRadius: 6, fontSize: 14 },
  components: { Menu: { itemSelectedBg: '#e3f2ec', itemSelectedColor: '#0b6e4f' } },
};

/** Providers around the router: data, antd (in the interface language) and the session. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={theme}
      button={{ autoInsertSpace: false }}
    >
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
