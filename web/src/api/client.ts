// The typed client of the REST API v1 (docs/api.md) for every web surface. One `request` does the plumbing:
// bearer token (refreshed once on a 401, because host tokens expire under long-lived pages), JSON, problem+json
// to ApiProblem, Retry-After. The methods below are thin and typed by the contracts; nothing here knows a page.
import type {
  ApprovalStatus,
  ApprovalView,
  AuditExportFormat,
  AuditFilters,
  AuditRecordView,
  AuditVerifyView,
  ClientConfigView,
  DepartmentView,
  EstimateView,
  GenerationRequest,
  GenerationView,
  MeView,
  ModelView,
  Page,
  UpdateDepartmentRequest,
  UpdateUserRequest,
  UsageGroup,
  UsageView,
  UserView,
} from '@donatello/contracts';
import { ApiProblem, problemFrom } from './problem.ts';

export type GenerationScope = 'mine' | 'department' | 'all';
type Query = Record<string, string | number | undefined | null>;

export interface ApiClientOptions {
  /** Origin and path prefix of the backend; '' for the same origin as the page. */
  baseUrl?: string;
  /** An access token for the API; `forceRefresh` after the server refused the last one. */
  getToken: (opts?: { forceRefresh?: boolean }) => Promise<string>;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** False for the few public routes (client config, health). */
  auth?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

/** A file the API sent as an attachment (CSV, JSONL). */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
  headers: Headers;
}

export function queryString(q: Query | undefined): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q ?? {}))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A fresh Idempotency-Key: the same key must be sent again when the same request is retried. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly getToken: ApiClientOptions['getToken'];
  private readonly fetchImpl: typeof fetch;

  constructor(opts: ApiClientOptions) {
    this.baseUrl = (opts.baseUrl ?? '').replace(/\/+$/, '');
    this.getToken = opts.getToken;
    // Bound: a bare `fetch` called as a method of another object throws "Illegal invocation" in browsers.
    this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** The absolute URL of an API path (for links and downloads). */
  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  async raw(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const send = async (forceRefresh: boolean) => {
      const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
      if (opts.auth !== false) headers.authorization = `Bearer ${await this.getToken({ forceRefresh })}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] = 'application/json';
      }
      try {
        return await this.fetchImpl(this.url(path) + queryString(opts.query), {
          method,
          headers,
          ...(body !== undefined ? { body } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (err) {
        if (opts.signal?.aborted) throw err; // the caller cancelled: not a problem to show
        throw new ApiProblem({
          code: 'network-error',
          status: 0,
          title: 'DonatelloAI could not be reached',
          detail: 'Check your connection and try again.',
        });
      }
    };
    let res = await send(false);
    if (res.status === 401 && opts.auth !== false) res = await send(true);
    if (!res.ok && res.status !== 304) throw await problemFrom(res);
    return res;
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
    const res = await this.raw(method, path, opts);
    const data = (res.status === 204 ? undefined : await res.json()) as T;
    return { data, status: res.status, headers: res.headers };
  }

  private async get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return (
      await this.request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) })
    ).data;
  }

  private async download(path: string, query?: Query): Promise<DownloadedFile> {
    const res = await this.raw('GET', path, { ...(query ? { query } : {}), headers: { accept: '*/*' } });
    const disposition = res.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? path.split('/').pop() ?? 'download';
    return { blob: await res.blob(), filename, headers: res.headers };
  }

  // --- public ---
  clientConfig(): Promise<ClientConfigView> {
    return this.request<ClientConfigView>('GET', '/api/v1/client-config', { auth: false }).then(
      (r) => r.data,
    );
  }

  // --- me, models, quotes, generations ---
  me(signal?: AbortSignal): Promise<MeView> {
    return this.get('/api/v1/me', undefined, signal);
  }
  models(): Promise<Page<ModelView>> {
    return this.get('/api/v1/models');
  }
  estimate(input: GenerationRequest, signal?: AbortSignal): Promise<EstimateView> {
    return this.request<EstimateView>('POST', '/api/v1/estimates', {
      body: input,
      ...(signal ? { signal } : {}),
    }).then((r) => r.data);
  }
  /** Starts a generation; 201 finished, 202 queued, running or waiting for approval. */
  async startGeneration(
    input: GenerationRequest,
    opts: { idempotencyKey: string; waitSeconds?: number; signal?: AbortSignal },
  ): Promise<{ generation: GenerationView; replayed: boolean }> {
    const res = await this.request<GenerationView>('POST', '/api/v1/generations', {
      body: input,
      headers: {
        'idempotency-key': opts.idempotencyKey,
        ...(opts.waitSeconds ? { prefer: `wait=${opts.waitSeconds}` } : {}),
      },
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return { generation: res.data, replayed: res.headers.get('idempotent-replayed') === 'true' };
  }
  generation(id: string, signal?: AbortSignal): Promise<GenerationView> {
    return this.get(`/api/v1/generations/${encodeURIComponent(id)}`, undefined, signal);
  }
  generations(
    q: {
      scope?: GenerationScope;
      q?: string;
      status?: GenerationView['status'];
      cursor?: string | null;
      limit?: number;
    },
    signal?: AbortSignal,
  ): Promise<Page<GenerationView>> {
    return this.get('/api/v1/generations', q, signal);
  }
  async deleteGeneration(id: string): Promise<void> {
    await this.request('DELETE', `/api/v1/generations/${encodeURIComponent(id)}`);
  }
  /** An image or thumbnail (`ImageView.url` / `thumbnailUrl`) as a Blob: images need the bearer token. */
  async imageBlob(path: string, signal?: AbortSignal): Promise<Blob> {
    const res = await this.raw('GET', path, {
      headers: { accept: 'image/*' },
      ...(signal ? { signal } : {}),
    });
    return res.blob();
  }
  /**
   * A re-encoded, size-bounded copy of an image (`?format=jpeg&maxBytes=N`): the Office add-in asks for one when
   * the PNG is over what Office accepts. Same authorisation as the image; nothing is stored or charged.
   */
  async imageCopy(
    path: string,
    variant: { format: 'png' | 'jpeg'; maxBytes?: number },
    signal?: AbortSignal,
  ): Promise<Blob> {
    const res = await this.raw('GET', path, {
      query: { format: variant.format, maxBytes: variant.maxBytes },
      headers: { accept: 'image/*' },
      ...(signal ? { signal } : {}),
    });
    return res.blob();
  }

  // --- approvals ---
  approvals(
    q: { status?: ApprovalStatus; cursor?: string | null; limit?: number } = {},
  ): Promise<Page<ApprovalView>> {
    return this.get('/api/v1/approvals', q);
  }
  approval(id: string, signal?: AbortSignal): Promise<ApprovalView> {
    return this.get(`/api/v1/approvals/${encodeURIComponent(id)}`, undefined, signal);
  }
  decide(id: string, decision: 'approve' | 'reject', comment?: string): Promise<ApprovalView> {
    return this.request<ApprovalView>('POST', `/api/v1/approvals/${encodeURIComponent(id)}/decision`, {
      body: { decision, ...(comment ? { comment } : {}) },
    }).then((r) => r.data);
  }

  // --- departments, usage ---
  departments(q: { cursor?: string | null; limit?: number } = {}): Promise<Page<DepartmentView>> {
    return this.get('/api/v1/departments', q);
  }
  department(id: string): Promise<DepartmentView> {
    return this.get(`/api/v1/departments/${encodeURIComponent(id)}`);
  }
  updateDepartment(id: string, patch: UpdateDepartmentRequest): Promise<DepartmentView> {
    return this.request<DepartmentView>('PATCH', `/api/v1/departments/${encodeURIComponent(id)}`, {
      body: patch,
    }).then((r) => r.data);
  }
  usage(id: string, q: { from?: string; to?: string; groupBy: UsageGroup }): Promise<UsageView> {
    return this.get(`/api/v1/departments/${encodeURIComponent(id)}/usage`, q);
  }
  chargebackCsv(id: string, period?: string): Promise<DownloadedFile> {
    return this.download(`/api/v1/departments/${encodeURIComponent(id)}/chargeback.csv`, { period });
  }

  // --- people ---
  users(q: { departmentId?: string; cursor?: string | null; limit?: number } = {}): Promise<Page<UserView>> {
    return this.get('/api/v1/users', q);
  }
  updateUser(objectId: string, patch: UpdateUserRequest): Promise<UserView> {
    return this.request<UserView>('PATCH', `/api/v1/users/${encodeURIComponent(objectId)}`, {
      body: patch,
    }).then((r) => r.data);
  }

  // --- audit ---
  audit(
    q: Partial<AuditFilters> & { cursor?: string | null; limit?: number },
  ): Promise<Page<AuditRecordView>> {
    return this.get('/api/v1/audit', q);
  }
  verifyAudit(): Promise<AuditVerifyView> {
    return this.get('/api/v1/audit/verify');
  }
  exportAudit(q: Partial<AuditFilters>, format: AuditExportFormat): Promise<DownloadedFile> {
    return this.download('/api/v1/audit/export', { ...q, format });
  }
}
