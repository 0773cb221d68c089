import { type Problem, problemMessage, toProblem } from './problem';

/** What the API says about the logged-in user (`user` of the login answer, GET /api/auth/me). */
export interface User {
  id: string;
  email: string;
  role: 'admin' | 'coordinator' | 'department' | 'observer';
  jurisdiction: string | null;
  jurisdictionId: string | null;
  department: { id: string; name: string } | null;
  disabled: boolean;
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
  user: User;
}

const STORE = 'duban.session';

/** A failed request, its problem+json kept for the page and its message already in Chinese. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problemMessage(problem));
  }
  get status(): number {
    return this.problem.status;
  }
}

type Listener = (user: User | null) => void;

/**
 * The public REST API with the user's bearer token. The access token lives 15 minutes: a 401
 * trades the refresh token for a new pair once (the API rotates it) and repeats the request.
 */
class Api {
  private tokens: Tokens | null = null;
  private refreshing: Promise<boolean> | null = null;
  private listeners: Listener[] = [];

  constructor() {
    try {
      const saved = globalThis.localStorage?.getItem(STORE);
      this.tokens = saved ? (JSON.parse(saved) as Tokens) : null;
    } catch {
      this.tokens = null;
    }
  }

  get user(): User | null {
    return this.tokens?.user ?? null;
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  private save(tokens: Tokens | null): void {
    this.tokens = tokens;
    if (tokens) localStorage.setItem(STORE, JSON.stringify(tokens));
    else localStorage.removeItem(STORE);
    for (const l of this.listeners) l(tokens?.user ?? null);
  }

  async login(email: string, password: string): Promise<User> {
    const tokens = await this.send<Tokens>('POST', '/api/auth/login', { email, password }, { auth: false });
    this.save(tokens);
    return tokens.user;
  }

  /** Single sign-on (统一身份认证): trades the one-time code the callback left in the URL fragment. */
  async loginWithSso(code: string): Promise<User> {
    const tokens = await this.send<Tokens>('POST', '/api/auth/oidc/exchange', { code }, { auth: false });
    this.save(tokens);
    return tokens.user;
  }

  async logout(): Promise<void> {
    const refreshToken = this.tokens?.refreshToken;
    if (refreshToken) await this.send('POST', '/api/auth/logout', { refreshToken }).catch(() => undefined);
    this.save(null);
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.send<T>('POST', path, body ?? {}, { headers });
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body);
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  /** A GET whose answer headers matter too (the task's ETag for If-Match). */
  async getWithHeaders<T>(path: string): Promise<{ body: T; headers: Headers }> {
    const res = await this.fetch('GET', path);
    return { body: (await this.read(res)) as T, headers: res.headers };
  }

  /** The .xlsx export: fetched with the token (a plain link would carry none), then saved. */
  async download(path: string, fallbackName: string): Promise<void> {
    const res = await this.fetch('GET', path, undefined, { headers: { Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    if (!res.ok) await this.read(res);
    const blob = await res.blob();
    const disposition = res.headers.get('content-disposition') ?? '';
    const star = disposition.match(/filename\*=UTF-8''([^;]+)/i);
    const name = star ? decodeURIComponent(star[1]) : fallbackName;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async send<T>(method: string, path: string, body?: unknown, opts: { auth?: boolean; headers?: Record<string, string> } = {}): Promise<T> {
    const res = await this.fetch(method, path, body, opts);
    return (await this.read(res)) as T;
  }

  private async fetch(method: string, path: string, body?: unknown, opts: { auth?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
    const attempt = () => {
      const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
      if (opts.auth !== false && this.tokens) headers.Authorization = `Bearer ${this.tokens.accessToken}`;
      const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
      if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
      return fetch(path, { method, headers, body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body) }).catch(() => {
        throw new ApiError({ status: 0 });
      });
    };
    let res = await attempt();
    if (res.status === 401 && opts.auth !== false && this.tokens && (await this.refresh())) res = await attempt();
    if (res.status === 401 && opts.auth !== false) this.save(null);
    return res;
  }

  /** One refresh for all requests that hit the expired token at once. */
  private refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      try {
        const res = await fetch('/api/auth/refresh', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refreshToken: this.tokens?.refreshToken }),
        });
        if (!res.ok) return false;
        this.save((await res.json()) as Tokens);
        return true;
      } catch {
        return false;
      } finally {
        setTimeout(() => (this.refreshing = null), 0);
      }
    })();
    return this.refreshing;
  }

  private async read(res: Response): Promise<unknown> {
    const type = res.headers.get('content-type') ?? '';
    const body = res.status === 204 ? null : type.includes('json') ? await res.json().catch(() => null) : await res.text();
    if (!res.ok) throw new ApiError(toProblem(res.status, body));
    return body;
  }
}

export const api = new Api();

/** The Chinese message for anything a page caught. */
export const errorMessage = (e: unknown): string => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));
