export type Res<T = unknown> = { status: number; body: T; headers: Headers; text: string };

/** What a client sends requests to: the app in process (`app.request`) or a server over HTTP. */
export type Requester = { request(url: string, init: RequestInit): Response | Promise<Response> };

/** A browser-like client over `app.request()` (or HTTP): keeps cookies and sends the CSRF header. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly app: Requester,
    readonly defaultHeaders: Record<string, string> = {},
  ) {}

  /** The same client against a running server (another process, or one started for a benchmark). */
  static overHttp(baseUrl: string): TestClient {
    return new TestClient({ request: (url, init) => fetch(`${baseUrl}${url}`, init) });
  }

  /** The cookie and CSRF headers this client sends, for tools that make their own requests. */
  authHeaders(): Record<string, string> {
    return {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': this.cookies.get('dl_csrf') ?? '',
    };
  }

  async request<T = unknown>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (unsafe && !this.cookies.has('dl_csrf')) await this.request('GET', '/api/auth/session');
    const h = new Headers({ ...this.defaultHeaders, ...headers });
    if (this.cookies.size) h.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (unsafe && !h.has('x-csrf-token') && this.cookies.has('dl_csrf')) h.set('x-csrf-token', this.cookies.get('dl_csrf')!);
    let payload: BodyInit | undefined;
    if (typeof body === 'string' || body instanceof Uint8Array || body instanceof FormData) payload = body as BodyInit;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      if (!h.has('content-type')) h.set('content-type', 'application/json');
    }
    const res = await this.app.request(url, { method, headers: h, body: payload ?? null });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [k, ...v] = pair!.split('=');
      const value = v.join('=');
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(k!.trim());
      else this.cookies.set(k!.trim(), value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }

  get<T = unknown>(url: string, headers?: Record<string, string>) {
    return this.request<T>('GET', url, undefined, headers);
  }
  post<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, body, headers);
  }
  patch<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', url, body, headers);
  }
  put<T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', url, body, headers);
  }
  delete<T = unknown>(url: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', url, undefined, headers);
  }

  /** A GET whose body is a file: the raw bytes with status and headers. */
  async bytes(url: string): Promise<{ status: number; body: Uint8Array; headers: Headers }> {
    const h = new Headers(this.defaultHeaders);
    if (this.cookies.size) h.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(url, { method: 'GET', headers: h });
    return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
  }

  async login(username: string, password: string) {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
    return res;
  }
}
