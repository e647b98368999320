// The app's one door to the server: JSON over /api/ with the session cookie, the CSRF token on
// every change, and problem+json errors turned into ApiError with the server's own words.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole problem document (e.g. invalidUrls of R000401-003). */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), credentials: 'same-origin' });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (data ?? {}) as { code?: string; detail?: string; title?: string };
    if (response.status === 401 && path !== '/api/session') window.dispatchEvent(new Event('ph:signed-out'));
    throw new ApiError(response.status, problem.code ?? 'unknown', problem.detail ?? problem.title ?? `HTTP ${response.status}`, (data ?? {}) as Record<string, unknown>);
  }
  return data as T;
}

export interface User {
  id: string;
  email: string;
  name: string;
}
export interface Session {
  user: User;
  csrfToken: string;
}
export interface List {
  id: string;
  name: string;
  iconColor: string;
  iconLabel: string;
  totalProspects: number;
  createdAt: string;
}
export interface CampaignRef {
  id: string;
  name: string;
  state: string;
}
export interface ProspectRow {
  id: string;
  name: string;
  occupation: string | null;
  company: string | null;
  email: string | null;
  originLabel: string;
  createdAt: string;
  linkedinUrl: string;
  campaign: CampaignRef | null;
}
export interface ProspectPage {
  items: ProspectRow[];
  total: number;
  nextCursor: string | null;
  prevCursor: string | null;
}
export interface ProspectDetail {
  id: string;
  name: string;
  linkedinUrl: string;
  profile: Record<string, unknown>;
  customVariables: { label: string; value: string | null }[];
  list: { id: string; name: string };
  originLabel: string;
  duplicateOf: string | null;
  campaign: CampaignRef | null;
  createdAt: string;
  history: { at: string; kind: string; text: string; eventId?: string; campaignId?: string }[];
}
export interface Campaign {
  id: string;
  name: string;
  state: 'draft' | 'running' | 'paused' | 'archived';
  requiresEmail: boolean;
  enrolled: number;
  active: number;
  createdAt: string;
}
export interface ActivityItem {
  id: string;
  createdAt: string;
  origin: string;
  originLabel: string;
  integrationOrigin: string | null;
  keyName: string | null;
  list: { id: string; name: string } | null;
  campaign: { id: string; name: string } | null;
  prospectCount: number;
  counts: { importCodes: Record<string, number>; addToCampaignCodes: Record<string, number> };
}
export interface ActivityDetail extends ActivityItem {
  outcomes: { url: string | null; importCode: string; addToCampaignCode: string | null; prospectId: string | null; message: string | null }[];
}
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
export interface ImportAnswer {
  result: { importCode: string; addToCampaignCode?: string; message: string | null; prospect: { _id: string } | null }[];
}
