import { Button, Layout, Menu, Result, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { loadSession, saveSession, Session, whenUnauthenticated } from './api/client';
import { SignInPage } from './auth/SignInPage';
import { ConsolePage } from './console/ConsolePage';
import { DistrictPage } from './dashboard/DistrictPage';
import { InboxPage } from './inbox/InboxPage';
import { ROLE_LABELS, townshipName, unitName } from './labels';
import { AreaPage } from './township/AreaPage';
import { homeOf, Workspace, WORKSPACES, workspacesFor } from './workspaces';

function currentHash(): string {
  return window.location.hash.replace(/^#\/?/, '').split('?')[0];
}

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [route, setRoute] = useState(currentHash());

  useEffect(() => {
    const onHash = () => setRoute(currentHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const signOut = useCallback(() => {
    saveSession(null);
    setSession(null);
    window.location.hash = '';
  }, []);

  useEffect(() => whenUnauthenticated(signOut), [signOut]);

  const signedIn = useCallback((s: Session) => {
    saveSession(s);
    setSession(s);
    const home = homeOf(s.principal.role);
    window.location.hash = home ? `/${home}` : '';
  }, []);

  if (!session) return <SignInPage onSignedIn={signedIn} />;

  const { principal } = session;
  const allowed = workspacesFor(principal.role);
  const wanted = (route || homeOf(principal.role) || '') as Workspace;
  const permitted = allowed.includes(wanted);
  const where = principal.unit
    ? unitName(principal.unit)
    : principal.township
      ? townshipName(principal.township)
      : '兖州区';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          执法联动平台
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[wanted]}
          style={{ flex: 1, minWidth: 0 }}
          items={allowed.map((w) => ({ key: w, label: WORKSPACES[w].title }))}
          onClick={({ key }) => (window.location.hash = `/${key}`)}
        />
        <Space style={{ color: '#fff' }} data-testid="whoami">
          <span>{principal.name}</span>
          <Tag color="blue">{ROLE_LABELS[principal.role] ?? principal.role}</Tag>
          <span>{where}</span>
          <Button size="small" onClick={signOut}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {!permitted ? (
          <Result
            status="403"
            title="无权访问"
            subTitle="此工作台不对您的角色开放。"
            extra={
              allowed.length > 0 ? (
                <Button type="primary" href={`#/${allowed[0]}`}>
                  返回我的工作台
                </Button>
              ) : null
            }
          />
        ) : wanted === 'console' ? (
          <ConsolePage />
        ) : wanted === 'inbox' ? (
          <InboxPage principal={principal} />
        ) : wanted === 'area' ? (
          <AreaPage principal={principal} />
        ) : (
          <DistrictPage principal={principal} />
        )}
      </Layout.Content>
    </Layout>
  );
}
