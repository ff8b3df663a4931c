import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, Session } from '../api/client';
import { problemText } from '../common/AsyncView';

/** 登录: one page for every role; the role decides where it lands. */
export function SignInPage({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(undefined);
    try {
      const session = await api<Session>('intake', '/auth/sign-in', {
        body: values,
      });
      onSignedIn(session);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #1d4ed8 0%, #0f172a 100%)',
      }}
    >
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          兖州区执法联动平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          一次受理，多部门联动，按时办结
        </Typography.Paragraph>
        {error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            message={problemText(error)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, message: '请输入用户名' }]}
          >
            <Input autoFocus autoComplete="username" id="username" />
          </Form.Item>
          <Form.Item
            label="密码"
            name="password"
            rules={[{ required: true, message: '请输入密码' }]}
          >
            <Input.Password autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
