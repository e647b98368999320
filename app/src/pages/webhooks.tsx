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
import { count, when } from '../format.js';
import { useMutation } from '../hooks/use-mutation.js';
import { usePages } from '../hooks/use-pages.js';
import { useResource } from '../hooks/use-resource.js';
import { en, type Messages } from '../i18n/en.js';
import { useI18n } from '../i18n/index.js';
import { navigate, useLocation } from '../router.js';
import { readDisabledReason } from '../../../src/webhooks/disabled-reason.js';
import { ACTIONS, Confirm, CopyButton, DataTable, Empty, ErrorNote } from '../ui.js';

type Subscribable = Exclude<EventType, 'webhook.test'>;

/** Every event type an endpoint can ask for (the catalogue's webhooks.events names each: docs/webhooks.md#events). */
const ALL_TYPES = Object.keys(en.webhooks.events) as Subscribable[];
const PAGE_SIZE = 20;

/** An event type in words, whatever the type (a test event too, or one this app does not know yet). */
function useEventWords(): (type: string) => string {
  const { t } = useI18n();
  const words: Record<string, string> = { ...t.webhooks.events, 'webhook.test': t.webhooks.testEvent };
  return (type) => words[type] ?? type;
}

function EventChoice({ chosen, onChange }: { chosen: Subscribable[]; onChange: (types: Subscribable[]) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="scopes event-choice">
      <legend>{t.webhooks.eventsLegend}</legend>
      {ALL_TYPES.map((type) => (
        <label key={type} title={type} className="check">
          <input type="checkbox" checked={chosen.includes(type)} onChange={(e) => onChange(e.target.checked ? ALL_TYPES.filter((t) => t === type || chosen.includes(t)) : chosen.filter((t) => t !== type))} />
          {t.webhooks.events[type]}
        </label>
      ))}
    </fieldset>
  );
}

/** A secret shown once, after creating an endpoint or rotating its secret. */
function NewSecret({ title, secret, note, onDone }: { title: string; secret: string; note: string; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <div className="card secret" role="status" aria-live="polite">
      <h2>{title}</h2>
      <p>{t.webhooks.copyNow(note)}</p>
      <div className="secret-row">
        <code data-testid="new-webhook-secret">{secret}</code>
        <CopyButton text={secret} />
      </div>
      <button type="button" onClick={onDone}>
        {t.webhooks.copiedIt}
      </button>
    </div>
  );
}

function Status({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useI18n();
  if (endpoint.enabled) return <span className="badge state-running">{t.webhooks.enabled}</span>;
  return (
    <span className="badge state-paused" title={disabledWords(endpoint, t) ?? undefined}>
      {t.webhooks.disabled}
    </span>
  );
}

/** Why the service disabled an endpoint, in the app's words (the server writes it in English); any other text as is. */
function disabledWords(endpoint: WebhookEndpoint, t: Messages): string | null {
  if (endpoint.disabledReason === null) return null;
  const reason = readDisabledReason(endpoint.disabledReason);
  if (reason === null) return endpoint.disabledReason;
  return reason.kind === 'gone' ? t.webhooks.disabledReasons.gone : t.webhooks.disabledReasons.failing(reason.hours);
}

function DisabledReason({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useI18n();
  return <div className="muted">{disabledWords(endpoint, t)}</div>;
}

/** The receiver's HTTP status, else why there was none (the server's words), else "no answer". */
function attemptOutcome(a: WebhookAttempt, noAnswer: string): string {
  if (a.statusCode !== null) return `HTTP ${a.statusCode}`;
  return a.error ?? noAnswer;
}

/** One endpoint's delivery log, newest first, a page at a time; replay one message or every failed one since a time. */
function Deliveries({ endpoint, onChanged }: { endpoint: WebhookEndpoint; onChanged: () => void }) {
  const { t } = useI18n();
  const T = t.webhooks;
  const eventWords = useEventWords();
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
    if (done.ok) setSaid(endpoint.enabled ? T.testSent : T.testQueued);
  };
  const replay = async (body: ReplayRequest) => {
    const done = await mutation.send<ReplayAnswer>(`/v1/webhook-endpoints/${endpoint.id}/replay`, { body });
    if (done.ok) setSaid(done.answer.replayed === 0 ? T.nothingToReplay : T.replayed(count(done.answer.replayed), done.answer.replayed));
  };
  const replaySince = (event: FormEvent) => {
    event.preventDefault();
    void replay({ since: new Date(since).toISOString() });
  };

  return (
    <section className="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{T.deliveriesOf(endpoint.url)}</h2>
      {!endpoint.enabled && (
        <p className="error" role="status">
          {T.disabledNotice(disabledWords(endpoint, t))}
        </p>
      )}
      <div className="inline-form">
        <button type="button" onClick={() => void sendTest()} disabled={mutation.busy}>
          {T.sendTest}
        </button>
        <button type="button" onClick={refresh}>
          {T.refresh}
        </button>
      </div>
      <form className="inline-form" onSubmit={replaySince} aria-label={T.replayForm}>
        <label>
          {T.failedSince}
          <input type="datetime-local" required value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <button type="submit" disabled={mutation.busy}>
          {T.replayFailed}
        </button>
      </form>
      {said && (
        <p className="notice" role="status">
          {said}
        </p>
      )}
      <ErrorNote error={mutation.error ?? log.error} />
      {log.items === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : log.items.length === 0 ? (
        <Empty title={T.noDeliveriesTitle}>
          <p>{T.noDeliveriesText}</p>
        </Empty>
      ) : (
        <DataTable
          columns={[T.deliveryColumns.when, T.deliveryColumns.event, T.deliveryColumns.attempt, T.deliveryColumns.answer, T.deliveryColumns.duration, T.deliveryColumns.answerStart, T.deliveryColumns.message, ACTIONS]}
          caption={T.deliveriesCaption}
          testId="deliveries"
        >
          {log.items.map((a) => (
            <tr key={a.id}>
              <td>{when(a.createdAt)}</td>
              <td title={a.eventType}>{eventWords(a.eventType)}</td>
              <td>{count(a.attempt)}</td>
              <td className={a.statusCode !== null && a.statusCode < 300 ? undefined : 'error'}>{attemptOutcome(a, T.noAnswer)}</td>
              <td>{T.duration(count(a.durationMs))}</td>
              <td>
                <code className="answer-start" title={a.responseStart}>
                  {a.responseStart.slice(0, 80) || '—'}
                </code>
              </td>
              <td>{T.messageStates[a.messageState]}</td>
              <td>
                <button type="button" onClick={() => void replay({ messageId: a.messageId })} aria-label={T.replayOf(a.eventType, a.messageId)} disabled={mutation.busy}>
                  {T.replay}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {log.hasMore && (
        <button type="button" onClick={log.more} disabled={log.loading}>
          {T.loadMore}
        </button>
      )}
    </section>
  );
}

export function WebhooksPage() {
  const { t } = useI18n();
  const T = t.webhooks;
  const eventWords = useEventWords();
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
    setSecret({ title: T.secretTitle(done.answer.endpoint.url), secret: done.answer.secret, note: T.secretNote });
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
    if (done.ok) setSecret({ title: T.newSecretTitle(endpoint.url), secret: done.answer.secret, note: T.previousUntil(when(done.answer.endpoint.previousSecretUntil)) });
  };
  const remove = async (endpoint: WebhookEndpoint) => {
    setDeleting(null);
    const done = await mutation.send(`/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
    if (done.ok && endpoint.id === selectedId) navigate('/webhooks');
  };

  return (
    <section aria-labelledby="webhooks-title">
      <div className="page-head">
        <h1 id="webhooks-title">{T.title}</h1>
      </div>
      <p className="muted">{T.intro}</p>
      <form className="card webhook-form" onSubmit={create} aria-label={T.createForm}>
        <label>
          {T.url}
          <input type="url" required pattern="https?://.+" maxLength={2000} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.com/prospect-hub" />
        </label>
        <label>
          {T.description}
          <input maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} placeholder={T.descriptionPlaceholder} />
        </label>
        <EventChoice chosen={types} onChange={setTypes} />
        <button type="submit" className="primary" disabled={types.length === 0 || mutation.busy}>
          {T.create}
        </button>
      </form>
      {secret && <NewSecret {...secret} onDone={() => setSecret(null)} />}
      <ErrorNote error={mutation.error ?? endpoints.error} />
      {endpoints.data === undefined ? (
        <p className="loading">{t.common.loading}</p>
      ) : endpoints.data.length === 0 ? (
        <Empty title={T.emptyTitle}>
          <p>{T.emptyText}</p>
        </Empty>
      ) : (
        <DataTable columns={[T.columns.url, T.columns.description, T.columns.events, T.columns.status, ACTIONS]} caption={T.caption} testId="webhook-endpoints">
          {endpoints.data.map((e) => (
            <tr key={e.id} aria-current={e.id === selectedId ? 'true' : undefined}>
              <td>
                <code>{e.url}</code>
              </td>
              <td>{e.description || <span className="muted">—</span>}</td>
              <td title={e.eventTypes.join('\n')}>{e.eventTypes.length === ALL_TYPES.length ? T.everyEvent : e.eventTypes.map(eventWords).join(', ')}</td>
              <td>
                <Status endpoint={e} />
                {!e.enabled && e.disabledReason && <DisabledReason endpoint={e} />}
              </td>
              <td className="row-actions">
                <button type="button" onClick={() => navigate(`/webhooks?endpoint=${encodeURIComponent(e.id)}`)} aria-label={T.deliveriesOf(e.url)}>
                  {T.deliveries}
                </button>
                <button type="button" onClick={() => setEnabled(e, !e.enabled)} aria-label={e.enabled ? T.disableOf(e.url) : T.enableOf(e.url)}>
                  {e.enabled ? T.disable : T.enable}
                </button>
                <button type="button" onClick={() => setRotating(e)} aria-label={T.rotateOf(e.url)}>
                  {T.rotate}
                </button>
                <button type="button" className="danger" onClick={() => setDeleting(e)} aria-label={T.deleteOf(e.url)}>
                  {T.delete}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {selected && <Deliveries key={selected.id} endpoint={selected} onChanged={endpoints.reload} />}
      {rotating && (
        <Confirm title={T.rotateTitle(rotating.url)} confirmLabel={T.rotate} onConfirm={() => void rotate(rotating)} onCancel={() => setRotating(null)}>
          <p>{T.rotateText}</p>
        </Confirm>
      )}
      {deleting && (
        <Confirm title={T.deleteTitle(deleting.url)} confirmLabel={T.deleteConfirm} danger onConfirm={() => void remove(deleting)} onCancel={() => setDeleting(null)}>
          <p>{T.deleteText}</p>
        </Confirm>
      )}
    </section>
  );
}
