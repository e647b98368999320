import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type {
  EventType,
  NewWebhookEndpoint,
  ReplayAnswer,
  ReplayRequest,
  TestAnswer,
  WebhookAttempt,
  WebhookAttemptPage,
  WebhookEndpoint,
  WebhookEndpointChanges,
  WebhookSecretAnswer,
} from '../api-types.js';
import { when } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { usePages } from '../hooks/use-pages.js';
import { useResource } from '../hooks/use-resource.js';
import { navigate, useLocation } from '../router.js';
import { ACTIONS, Confirm, CopyButton, DataTable, Empty, ErrorNote } from '../ui.js';

type Subscribable = Exclude<EventType, 'webhook.test'>;

/** Every event type an endpoint can ask for, in words (docs/webhooks.md#events): a type missing here fails the typecheck. */
const EVENT_LABELS: Record<Subscribable, string> = {
  'prospect.created': 'A prospect is created',
  'prospect.updated': 'A prospect is updated',
  'prospect.moved': 'A prospect moves to another list',
  'prospect.deleted': 'A prospect is deleted',
  'campaign.prospect_enrolled': 'A prospect is enrolled in a campaign',
  'campaign.state_changed': 'A campaign is started, paused or archived',
  'campaign.deleted': 'A draft campaign is deleted',
  'campaign.prospect_unenrolled': 'An undone import takes a prospect out of a campaign',
  'campaign.enrolment_step': "A campaign's executor reports a step",
  'list.created': 'A list is created',
  'list.deleted': 'A list is deleted',
  'import.completed': 'An import is done',
  'import.reverted': 'An import is undone',
  'import.failed': 'An import job fails',
  'import.canceled': 'An import job is canceled',
  'webhook_endpoint.disabled': 'A webhook endpoint is disabled',
};
const ALL_TYPES = Object.keys(EVENT_LABELS) as Subscribable[];
const PAGE_SIZE = 20;

function EventChoice({ chosen, onChange }: { chosen: Subscribable[]; onChange: (types: Subscribable[]) => void }) {
  return (
    <fieldset className="scopes event-choice">
      <legend>Events to send</legend>
      {ALL_TYPES.map((type) => (
        <label key={type} title={type} className="check">
          <input type="checkbox" checked={chosen.includes(type)} onChange={(e) => onChange(e.target.checked ? ALL_TYPES.filter((t) => t === type || chosen.includes(t)) : chosen.filter((t) => t !== type))} />
          {EVENT_LABELS[type]}
        </label>
      ))}
    </fieldset>
  );
}

/** A secret shown once, after creating an endpoint or rotating its secret. */
function NewSecret({ title, secret, note, onDone }: { title: string; secret: string; note: string; onDone: () => void }) {
  return (
    <div className="card secret" role="status" aria-live="polite">
      <h2>{title}</h2>
      <p>Copy it now: this is the only time it is shown. {note}</p>
      <div className="secret-row">
        <code data-testid="new-webhook-secret">{secret}</code>
        <CopyButton text={secret} />
      </div>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}

function Status({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.enabled) return <span className="badge state-running">enabled</span>;
  return (
    <span className="badge state-paused" title={endpoint.disabledReason ?? undefined}>
      disabled
    </span>
  );
}

function attemptOutcome(a: WebhookAttempt): string {
  if (a.statusCode !== null) return `HTTP ${a.statusCode}`;
  return a.error ?? 'no answer';
}

const MESSAGE_STATES: Record<WebhookAttempt['messageState'], string> = { pending: 'will retry', delivered: 'delivered', failed: 'failed' };

/** One endpoint's delivery log, newest first, a page at a time; replay one message or every failed one since a time. */
function Deliveries({ endpoint, onChanged }: { endpoint: WebhookEndpoint; onChanged: () => void }) {
  const [generation, setGeneration] = useState(0);
  // The endpoint too: a delivery may have disabled it (410, or failing for days).
  const refresh = () => {
    setGeneration((n) => n + 1);
    onChanged();
  };
  const mutation = useMutation(refresh);
  // A day ago, as the local time a datetime-local input shows (and new Date() reads back).
  const [since, setSince] = useState(() => new Date(Date.now() - 86_400_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
  const [said, setSaid] = useState('');
  const log = usePages<WebhookAttempt>(
    async (cursor, signal) => {
      const page = await api<WebhookAttemptPage>(`/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });
      return { items: page.data, next: page.nextCursor };
    },
    [endpoint.id, generation],
  );

  const sendTest = async () => {
    const done = await mutation.send<TestAnswer>(`/v1/webhook-endpoints/${endpoint.id}/test`, {});
    if (done.ok) setSaid(endpoint.enabled ? 'A test event is on its way: refresh to see its delivery.' : 'A test event is queued: it is sent once the endpoint is enabled again.');
  };
  const replay = async (body: ReplayRequest) => {
    const done = await mutation.send<ReplayAnswer>(`/v1/webhook-endpoints/${endpoint.id}/replay`, { body });
    if (done.ok) setSaid(done.answer.replayed === 0 ? 'Nothing to send again.' : `${done.answer.replayed} message${done.answer.replayed === 1 ? '' : 's'} will be sent again.`);
  };
  const replaySince = (event: FormEvent) => {
    event.preventDefault();
    void replay({ since: new Date(since).toISOString() });
  };

  return (
    <section className="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Deliveries to {endpoint.url}</h2>
      {!endpoint.enabled && (
        <p className="error" role="status">
          This endpoint is disabled{endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ' by you'}. Nothing is sent to it until you enable it again; events keep
          waiting for it.
        </p>
      )}
      <div className="inline-form">
        <button type="button" onClick={() => void sendTest()} disabled={mutation.busy}>
          Send test event
        </button>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
      </div>
      <form className="inline-form" onSubmit={replaySince} aria-label="Replay failed messages">
        <label>
          Failed since
          <input type="datetime-local" required value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <button type="submit" disabled={mutation.busy}>
          Replay failed
        </button>
      </form>
      {said && (
        <p className="notice" role="status">
          {said}
        </p>
      )}
      <ErrorNote error={mutation.error ?? log.error} />
      {log.items === undefined ? (
        <p className="loading">Loading…</p>
      ) : log.items.length === 0 ? (
        <Empty title="No deliveries yet">
          <p>Events of the types this endpoint asked for are sent as they happen; “Send test event” sends one now. Deliveries are kept 30 days.</p>
        </Empty>
      ) : (
        <DataTable columns={['When', 'Event', 'Attempt', 'Answer', 'Duration', 'Start of the answer', 'Message', ACTIONS]} caption="Delivery attempts, newest first" testId="deliveries">
          {log.items.map((a) => (
            <tr key={a.id}>
              <td>{when(a.createdAt)}</td>
              <td>
                <code>{a.eventType}</code>
              </td>
              <td>{a.attempt}</td>
              <td className={a.statusCode !== null && a.statusCode < 300 ? undefined : 'error'}>{attemptOutcome(a)}</td>
              <td>{a.durationMs} ms</td>
              <td>
                <code className="answer-start" title={a.responseStart}>
                  {a.responseStart.slice(0, 80) || '—'}
                </code>
              </td>
              <td>{MESSAGE_STATES[a.messageState]}</td>
              <td>
                <button type="button" onClick={() => void replay({ messageId: a.messageId })} aria-label={`Replay ${a.eventType} message ${a.messageId}`} disabled={mutation.busy}>
                  Replay
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {log.hasMore && (
        <button type="button" onClick={log.more} disabled={log.loading}>
          Load more
        </button>
      )}
    </section>
  );
}

export function WebhooksPage() {
  const { search } = useLocation();
  const selectedId = search.get('endpoint');
  const endpoints = useResource((signal) => api<WebhookEndpoint[]>('/v1/webhook-endpoints', { signal }), []);
  const mutation = useMutation(endpoints.reload);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<Subscribable[]>(['prospect.created', 'import.completed']);
  const [secret, setSecret] = useState<{ title: string; secret: string; note: string } | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null);
  const [rotating, setRotating] = useState<WebhookEndpoint | null>(null);
  const selected = endpoints.data?.find((e) => e.id === selectedId);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const body: NewWebhookEndpoint = { url, eventTypes: types, description };
    const done = await mutation.send<WebhookSecretAnswer>('/v1/webhook-endpoints', { body });
    if (!done.ok) return;
    setSecret({ title: `Signing secret of ${done.answer.endpoint.url}`, secret: done.answer.secret, note: 'Your receiver verifies every delivery with it (Standard Webhooks).' });
    setUrl('');
    setDescription('');
  };
  const setEnabled = (endpoint: WebhookEndpoint, enabled: boolean) => {
    const body: WebhookEndpointChanges = { enabled };
    void mutation.send(`/v1/webhook-endpoints/${endpoint.id}`, { method: 'PATCH', body });
  };
  const rotate = async (endpoint: WebhookEndpoint) => {
    setRotating(null);
    const done = await mutation.send<WebhookSecretAnswer>(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {});
    if (done.ok) setSecret({ title: `New signing secret of ${endpoint.url}`, secret: done.answer.secret, note: `The previous one also signs until ${when(done.answer.endpoint.previousSecretUntil)}.` });
  };
  const remove = async (endpoint: WebhookEndpoint) => {
    setDeleting(null);
    const done = await mutation.send(`/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
    if (done.ok && endpoint.id === selectedId) navigate('/webhooks');
  };

  return (
    <section aria-labelledby="webhooks-title">
      <div className="page-head">
        <h1 id="webhooks-title">Webhooks</h1>
      </div>
      <p className="muted">
        prospect-hub tells your other tools what happens: each event is POSTed to your endpoints, signed (Standard Webhooks), and retried for about three days until
        your receiver answers 2xx.
      </p>
      <form className="card webhook-form" onSubmit={create} aria-label="Create a webhook endpoint">
        <label>
          Endpoint URL
          <input type="url" required pattern="https?://.+" maxLength={2000} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.com/prospect-hub" />
        </label>
        <label>
          Description
          <input maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="e.g. CRM sync" />
        </label>
        <EventChoice chosen={types} onChange={setTypes} />
        <button type="submit" className="primary" disabled={types.length === 0 || mutation.busy}>
          Create endpoint
        </button>
      </form>
      {secret && <NewSecret {...secret} onDone={() => setSecret(null)} />}
      <ErrorNote error={mutation.error ?? endpoints.error} />
      {endpoints.data === undefined ? (
        <p className="loading">Loading…</p>
      ) : endpoints.data.length === 0 ? (
        <Empty title="No webhook endpoints yet">
          <p>Create one above: your receiver gets the events you choose as they happen.</p>
        </Empty>
      ) : (
        <DataTable columns={['URL', 'Description', 'Events', 'Status', ACTIONS]} caption="Your webhook endpoints" testId="webhook-endpoints">
          {endpoints.data.map((e) => (
            <tr key={e.id} aria-current={e.id === selectedId ? 'true' : undefined}>
              <td>
                <code>{e.url}</code>
              </td>
              <td>{e.description || <span className="muted">—</span>}</td>
              <td title={e.eventTypes.join('\n')}>{e.eventTypes.length === ALL_TYPES.length ? 'every event' : e.eventTypes.join(', ')}</td>
              <td>
                <Status endpoint={e} />
                {!e.enabled && e.disabledReason && <div className="muted">{e.disabledReason}</div>}
              </td>
              <td className="row-actions">
                <button type="button" onClick={() => navigate(`/webhooks?endpoint=${encodeURIComponent(e.id)}`)} aria-label={`Deliveries to ${e.url}`}>
                  Deliveries
                </button>
                <button type="button" onClick={() => setEnabled(e, !e.enabled)} aria-label={`${e.enabled ? 'Disable' : 'Enable'} ${e.url}`}>
                  {e.enabled ? 'Disable' : 'Enable'}
                </button>
                <button type="button" onClick={() => setRotating(e)} aria-label={`Rotate the secret of ${e.url}`}>
                  Rotate secret
                </button>
                <button type="button" className="danger" onClick={() => setDeleting(e)} aria-label={`Delete ${e.url}`}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {selected && <Deliveries key={selected.id} endpoint={selected} onChanged={endpoints.reload} />}
      {rotating && (
        <Confirm title={`Rotate the secret of ${rotating.url}?`} confirmLabel="Rotate secret" onConfirm={() => void rotate(rotating)} onCancel={() => setRotating(null)}>
          <p>A new secret is shown once. For 24 hours every delivery carries a signature by each secret, so your receiver can switch without missing one.</p>
        </Confirm>
      )}
      {deleting && (
        <Confirm title={`Delete ${deleting.url}?`} confirmLabel="Delete endpoint" danger onConfirm={() => void remove(deleting)} onCancel={() => setDeleting(null)}>
          <p>Nothing more is sent to it, and its delivery log is deleted with it. This cannot be undone.</p>
        </Confirm>
      )}
    </section>
  );
}
