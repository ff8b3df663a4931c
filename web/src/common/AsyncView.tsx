import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ProblemError } from '../api/client';

export function problemText(error: unknown): string {
  if (error instanceof ProblemError) return error.detail;
  if (error instanceof Error) return error.message || '操作失败';
  return '操作失败';
}

export function ErrorAlert({
  error,
  onRetry,
}: {
  error: unknown;
  onRetry?: () => void;
}) {
  const code = error instanceof ProblemError ? error.code : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={problemText(error)}
      description={code ? `错误代码：${code}` : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}

/** Loading, error and empty states, so no view is ever blank or broken. */
export function AsyncView({
  loading,
  error,
  empty,
  emptyText = '暂无数据',
  onRetry,
  children,
}: {
  loading: boolean;
  error?: unknown;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children: ReactNode;
}) {
  if (error) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (loading && empty !== false) {
    return (
      <div style={{ padding: 32, textAlign: 'center' }}>
        <Spin tip="加载中…">
          <div style={{ minHeight: 40 }} />
        </Spin>
      </div>
    );
  }
  if (empty) return <Empty description={emptyText} />;
  return <>{children}</>;
}
