import type { Role } from '../labels';

/** The four services, each behind its prefix on the web server's origin. */
export type Service = 'intake' | 'routing' | 'gateway' | 'reporting';

export interface Principal {
  sub: string;
  name: string;
  role: Role;
  unit?: string;
  township?: string;
}

export interface Session {
  token: string;
  principal: Principal;
}

/** RFC 9457 problem details as the services send them. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}

const SESSION_KEY = 'lianzhi.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
}

let onUnauthenticated: () => void = () => undefined;

/** The shell signs the user out when any call says the token is no good. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function apiUrl(service: Service, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return `/api/${service}${path}${qs ? `?${qs}` : ''}`;
}

async function problemOf(res: Response): Promise<ProblemError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as {
      code?: string;
      detail?: string;
      title?: string;
      field?: string;
      message?: string | string[];
    };
    const message = Array.isArray(body.message)
      ? body.message.join('；')
      : body.message;
    return new ProblemError(
      res.status,
      body.code ?? `HTTP.${res.status}`,
      body.detail ?? message ?? body.title ?? `请求失败（${res.status}）`,
      body.field,
    );
  } catch {
    const detail =
      res.status === 502 || res.status === 503 || res.status === 504
        ? '服务暂时不可用，请稍后重试'
        : `请求失败（${res.status}）`;
    return new ProblemError(res.status, `HTTP.${res.status}`, detail);
  }
}

/** One call to a service; throws ProblemError with the service's own detail. */
export async function api<T>(
  service: Service,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const session = loadSession();
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...options.headers,
  };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(apiUrl(service, path, options.query), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ProblemError(0, 'NETWORK.UNREACHABLE', '网络连接失败，请检查网络后重试');
  }

  if (!res.ok) {
    const problem = await problemOf(res);
    if (res.status === 401 && session) onUnauthenticated();
    throw problem;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Exports need the bearer token, so they are fetched and saved, not linked. */
export async function download(
  service: Service,
  path: string,
  query: Query,
  fallbackName: string,
): Promise<void> {
  const session = loadSession();
  const res = await fetch(apiUrl(service, path, query), {
    headers: session ? { Authorization: `Bearer ${session.token}` } : {},
  });
  if (!res.ok) throw await problemOf(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = match
    ? decodeURIComponent(match[1] ?? match[2] ?? fallbackName)
    : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A list from a response that may be a bare array or wrapped in a page. */
export function listOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    for (const key of ['items', 'data', 'results', 'rows', 'cases', 'entries']) {
      const value = (data as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as T[];
    }
  }
  return [];
}
