import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { Webhook } from 'standardwebhooks';
import { ExecutorEnrolmentData, type CampaignStats, type EnrolmentDetail } from '../../src/schemas/campaign-executors.js';
import type { AppCampaign, Enrolment } from '../../src/schemas/app-resources.js';
import type { WebhookSecretAnswer } from '../../src/schemas/webhooks.js';
import { createApiKey } from '../../src/store/api-keys.js';
import { assertProblem, unknownId } from '../support/compatible-api.js';
import { ENGINES } from '../support/engines.js';
import { sharedServer, startServer, type TestServer } from '../support/server.js';
import { createTenant, importBody, uniqueProfileUrl, type Tenant } from '../support/tenant.js';
import { startReceiver, until, type Received, type Receiver } from './receiver.js';

// Campaigns that hand their work to executors (docs/webhooks.md#executors, docs/v1.md#executor-steps):
// each enrolment is delivered to the campaign's webhook endpoint, verified here with the
// standardwebhooks package; the executor reports steps back; the funnel follows.

const ENV = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '20', WEBHOOK_RETRY_SCHEDULE: '0,250,250', WEBHOOK_TIMEOUT_MS: '2000' };

interface Executor {
  receiver: Receiver;
  endpoint: WebhookSecretAnswer['endpoint'];
  secret: string;
}

async function executor(t: { after(fn: () => Promise<void>): unknown }, server: TestServer, tenant: Tenant): Promise<Executor> {
  const receiver = await startReceiver(t);
  // Subscribed to list.created only: an executor gets its campaigns' enrolments whatever it subscribed to.
  const answer = await server.request('/v1/webhook-endpoints', { key: tenant.fullKey, body: { url: receiver.url, eventTypes: ['list.created'], description: 'executor' } });
  assert.equal(answer.status, 201, answer.text);
  const { endpoint, secret } = answer.body as WebhookSecretAnswer;
  return { receiver, endpoint, secret };
}

type Delivery = { type: string; timestamp: string; data: ExecutorEnrolmentData };

function verified(secret: string, delivery: Received): Delivery {
  const headers = Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k, String(v)]));
  return new Webhook(secret).verify(delivery.body, headers) as Delivery;
}

/** The executor's enrolment deliveries, verified (webhook.test deliveries left out). */
function enrolmentsDelivered(exec: Executor): Delivery[] {
  return exec.receiver.received.map((r) => verified(exec.secret, r)).filter((d) => d.type === 'campaign.prospect_enrolled');
}

async function campaign(server: TestServer, tenant: Tenant, body: Record<string, unknown>): Promise<AppCampaign> {
  const answer = await server.request('/v1/campaigns', { key: tenant.fullKey, body: { name: 'Outreach', ...body } });
  assert.equal(answer.status, 201, answer.text);
  return answer.body as AppCampaign;
}

async function importInto(server: TestServer, tenant: Tenant, campaignId: string | null, prospects: (string | Record<string, unknown>)[]): Promise<string[]> {
  const answer = await server.request('/prospects/addProspectFromIntegration', { key: tenant.key, body: importBody(tenant.listId, prospects, campaignId ? { campaignId } : {}) });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.result.map((r: { prospect: { _id: string } }) => r.prospect._id);
}

async function enrolments(server: TestServer, tenant: Tenant, campaignId: string): Promise<Enrolment[]> {
  const answer = await server.request(`/v1/campaigns/${campaignId}/enrolments`, { key: tenant.fullKey });
  assert.equal(answer.status, 200, answer.text);
  return answer.body.data as Enrolment[];
}

async function step(server: TestServer, tenant: Tenant, enrolmentId: string, body: Record<string, unknown>, key = tenant.fullKey) {
  return server.request(`/v1/enrolments/${enrolmentId}/events`, { key, body });
}

async function setState(server: TestServer, tenant: Tenant, campaignId: string, state: string): Promise<void> {
  const answer = await server.request(`/v1/campaigns/${campaignId}/state`, { key: tenant.fullKey, body: { state } });
  assert.equal(answer.status, 200, answer.text);
}

/** Sends a webhook.test to the executor and waits for it: every enrolment message due before it has been claimed by then. */
async function afterATestEvent(server: TestServer, tenant: Tenant, exec: Executor): Promise<void> {
  const sent = await server.request(`/v1/webhook-endpoints/${exec.endpoint.id}/test`, { key: tenant.fullKey, method: 'POST' });
  assert.equal(sent.status, 202, sent.text);
  await until('the test event', () => exec.receiver.received.some((r) => r.headers['webhook-id'] === sent.body.messageId));
}

for (const engine of ENGINES) {
  describe(`campaign executors (${engine})`, () => {
    const shared = sharedServer(engine, ENV);

    test('the executor loop: enrol → signed delivery with the profile and variables → steps → timeline, feed and funnel', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const exec = await executor(t, server, tenant);
      const outreach = await campaign(server, tenant, { executorId: exec.endpoint.id });
      assert.equal(outreach.executorId, exec.endpoint.id);
      const ada = { url: uniqueProfileUrl('ada'), customProfile: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }, customVariables: [{ label: 'source', value: 'webinar' }] };
      const [adaId, bobId] = await importInto(server, tenant, outreach.id, [ada, uniqueProfileUrl('bob')]);
      const [cyId] = await importInto(server, tenant, null, [uniqueProfileUrl('cy')]);
      const enrolled = await server.request(`/v1/campaigns/${outreach.id}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [cyId] } });
      assert.deepEqual(enrolled.body.counts, { success: 1 });

      await until('three enrolments delivered', () => enrolmentsDelivered(exec).length === 3);
      const deliveries = enrolmentsDelivered(exec);
      for (const d of deliveries) assert.ok(Value.Check(ExecutorEnrolmentData, d.data), JSON.stringify([...Value.Errors(ExecutorEnrolmentData, d.data)]));
      const byProspect = new Map(deliveries.map((d) => [d.data.prospectId, d.data]));
      assert.deepEqual([...byProspect.keys()].sort(), [adaId, bobId, cyId].sort());
      const adaData = byProspect.get(adaId!)!;
      assert.deepEqual([adaData.campaignId, adaData.campaignName, adaData.prospect.profile.firstName, adaData.prospect.profile.email], [outreach.id, 'Outreach', 'Ada', 'ada@example.com']);
      assert.deepEqual(adaData.prospect.customVariables, [{ label: 'source', value: 'webinar' }]);
      assert.equal(adaData.reportTo, `/v1/enrolments/${adaData.enrolmentId}/events`);
      const listed = await until('the deliveries recorded', async () => {
        const rows = await enrolments(server, tenant, outreach.id);
        return rows.every((r) => r.executorDelivery === 'delivered') ? rows : null;
      });
      assert.deepEqual(listed.map((r) => r.state), ['enrolled', 'enrolled', 'enrolled']);

      // The executor reports back, with the enrolment ids it was given.
      const [adaE, bobE, cyE] = [adaId, bobId, cyId].map((id) => byProspect.get(id!)!.enrolmentId);
      for (const [id, type] of [[adaE, 'invitation_sent'], [adaE, 'connected'], [bobE, 'email_sent'], [cyE, 'invitation_sent'], [bobE, 'finished']] as const) {
        const answer = await step(server, tenant, id!, { type });
        assert.equal(answer.status, 201, answer.text);
      }
      const repliedAt = new Date(Date.now() + 60_000).toISOString();
      const replied = await step(server, tenant, adaE!, { type: 'replied', note: 'Interested, call next week', occurredAt: repliedAt });
      assert.equal(replied.status, 201, replied.text);
      const detail = replied.body as EnrolmentDetail;
      assert.deepEqual([detail.state, detail.active, detail.prospect.name, detail.executorDelivery], ['replied', false, 'Ada Lovelace', 'delivered']);
      assert.deepEqual(detail.steps.map((s) => s.type), ['invitation_sent', 'connected', 'replied'], 'in the order they occurred');
      assert.equal(detail.steps.find((s) => s.type === 'replied')!.note, 'Interested, call next week');
      assert.deepEqual((await server.request(`/v1/enrolments/${adaE}`, { key: tenant.fullKey })).body, detail);

      const stats = (await server.request(`/v1/campaigns/${outreach.id}/stats`, { key: tenant.fullKey })).body as CampaignStats;
      assert.deepEqual(stats, {
        campaignId: outreach.id,
        enrolled: 3,
        active: 1,
        funnel: [
          { stage: 'enrolled', count: 3, rate: 1, stepRate: 1 },
          { stage: 'contacted', count: 3, rate: 1, stepRate: 1 },
          { stage: 'connected', count: 1, rate: 0.3333, stepRate: 0.3333 },
          { stage: 'replied', count: 1, rate: 0.3333, stepRate: 1 },
        ],
        ended: { replied: 1, finished: 1, failed: 0, stopped: 0 },
      });
      const states = new Map((await enrolments(server, tenant, outreach.id)).map((r) => [r.id, r.state]));
      assert.deepEqual([states.get(adaE!), states.get(bobE!), states.get(cyE!)], ['replied', 'finished', 'contacted']);

      // Each step is in the feed; the note is not (it may name the person).
      const feed = await server.request('/v1/events?after=0&types=campaign.enrolment_step', { key: tenant.fullKey });
      const adaSteps = feed.body.data.filter((e: { data: { enrolmentId: string } }) => e.data.enrolmentId === adaE);
      assert.deepEqual(adaSteps.map((e: { data: { type: string; state: string } }) => [e.data.type, e.data.state]), [['invitation_sent', 'contacted'], ['connected', 'connected'], ['replied', 'replied']]);
      assert.deepEqual(adaSteps.at(-1).data, { campaignId: outreach.id, enrolmentId: adaE, prospectId: adaId, type: 'replied', state: 'replied', occurredAt: repliedAt });

      // A reply ended Ada's enrolment: she is free for another campaign; Cy, still travelling, is not.
      const next = await campaign(server, tenant, { name: 'Follow-up' });
      const again = await server.request(`/v1/campaigns/${next.id}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [adaId, cyId] } });
      assert.deepEqual(again.body.results.map((r: { addToCampaignCode: string }) => r.addToCampaignCode), ['success', 'already_in_campaign']);

      // The steps are Ada's personal data: in her access export, and gone with her erasure, with the message that carried her profile.
      const exported = await server.request(`/v1/people/export?prospectId=${adaId}`, { key: tenant.fullKey });
      const steps = exported.body.copies[0].enrolments[0].steps;
      assert.deepEqual(steps.map((s: { type: string; note: string | null }) => [s.type, s.note]), [['invitation_sent', null], ['connected', null], ['replied', 'Interested, call next week']]);
      assert.equal((await server.request('/v1/erasures', { key: tenant.fullKey, body: { prospectId: adaId } })).status, 200);
      const db = server.database.db;
      assert.equal((await db.selectFrom('enrolment_steps').select('id').where('enrolment_id', '=', adaE!).execute()).length, 0);
      assert.equal((await db.selectFrom('webhook_messages').select('id').where('enrolment_id', '=', adaE!).execute()).length, 0);
      const left = await db.selectFrom('webhook_messages').select('body').where('endpoint_id', '=', exec.endpoint.id).execute();
      assert.ok(left.length === 2 && left.every((m) => !m.body.includes('ada@example.com')), "no message keeps Ada's profile");
    });

    test('a paused campaign holds its enrolments and releases them on resume, with the same webhook-id', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const exec = await executor(t, server, tenant);
      const outreach = await campaign(server, tenant, { executorId: exec.endpoint.id });
      await setState(server, tenant, outreach.id, 'paused');
      const [id] = await importInto(server, tenant, outreach.id, [uniqueProfileUrl()]);
      const [held] = await enrolments(server, tenant, outreach.id);
      assert.deepEqual([held!.prospectId, held!.executorDelivery], [id, 'held']);
      await afterATestEvent(server, tenant, exec);
      assert.equal(enrolmentsDelivered(exec).length, 0, 'nothing delivered while paused');
      const [message] = await server.database.db.selectFrom('webhook_messages').select(['id', 'next_attempt_at']).where('enrolment_id', '=', held!.id).execute();
      assert.equal(message!.next_attempt_at, null);

      await setState(server, tenant, outreach.id, 'running');
      await until('delivered on resume', () => enrolmentsDelivered(exec).length === 1);
      const delivery = exec.receiver.received.find((r) => verified(exec.secret, r).type === 'campaign.prospect_enrolled')!;
      assert.equal(delivery.headers['webhook-id'], message!.id);
      assert.equal(verified(exec.secret, delivery).data.enrolmentId, held!.id);
    });

    test('a message still being retried is held by a pause too, and resuming sends it at once', async (t) => {
      // A retry an hour away: only the resume can bring the second attempt within the test.
      const server = await startServer(t, engine, { ...ENV, WEBHOOK_RETRY_SCHEDULE: '0,1h' });
      const tenant = await createTenant(server.database);
      const receiver = await startReceiver(t, (_r, index, response) => response.writeHead(index === 0 ? 500 : 200).end());
      const answer = await server.request('/v1/webhook-endpoints', { key: tenant.fullKey, body: { url: receiver.url, eventTypes: ['list.created'] } });
      const exec: Executor = { receiver, endpoint: answer.body.endpoint, secret: answer.body.secret };
      const outreach = await campaign(server, tenant, { executorId: exec.endpoint.id });
      await importInto(server, tenant, outreach.id, [uniqueProfileUrl()]);
      await until('the first attempt failed', async () => (await enrolments(server, tenant, outreach.id))[0]!.executorDelivery === 'pending' && receiver.received.length === 1);
      const messages = server.database.db.selectFrom('webhook_messages').select(['id', 'attempts', 'next_attempt_at']).where('endpoint_id', '=', exec.endpoint.id);
      await until('the failure recorded', async () => Number((await messages.executeTakeFirst())?.attempts) === 1);
      await setState(server, tenant, outreach.id, 'paused');
      assert.equal((await messages.executeTakeFirstOrThrow()).next_attempt_at, null);
      assert.equal((await enrolments(server, tenant, outreach.id))[0]!.executorDelivery, 'held');
      await setState(server, tenant, outreach.id, 'running');
      await until('retried on resume', () => receiver.received.length === 2);
      const [first, second] = receiver.received;
      assert.equal(second!.headers['webhook-id'], first!.headers['webhook-id']);
      assert.equal(verified(exec.secret, second!).data.campaignId, outreach.id);
    });

    test('an archived campaign never hands over what it held; an archived campaign enrols nobody', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const exec = await executor(t, server, tenant);
      const outreach = await campaign(server, tenant, { executorId: exec.endpoint.id });
      await setState(server, tenant, outreach.id, 'paused');
      await importInto(server, tenant, outreach.id, [uniqueProfileUrl(), uniqueProfileUrl()]);
      await setState(server, tenant, outreach.id, 'archived');
      const rows = await enrolments(server, tenant, outreach.id);
      assert.deepEqual(rows.map((r) => [r.state, r.executorDelivery]), [['stopped', 'none'], ['stopped', 'none']]);
      await afterATestEvent(server, tenant, exec);
      assert.equal(enrolmentsDelivered(exec).length, 0);
      const refused = await server.request(`/v1/campaigns/${outreach.id}/enrolments`, { key: tenant.fullKey, body: { prospectIds: [rows[0]!.prospectId] } });
      assertProblem(refused, 409, 'R000409-001');
      const late = await step(server, tenant, rows[0]!.id, { type: 'replied' });
      assert.deepEqual([late.status, late.body.code, late.body.state], [409, 'R000409-030', 'stopped']);
    });

    test('naming an executor hands over the active enrolments nobody received; unenrolling withdraws a held one', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const exec = await executor(t, server, tenant);
      const outreach = await campaign(server, tenant, {});
      const [a, b] = await importInto(server, tenant, outreach.id, [uniqueProfileUrl(), uniqueProfileUrl()]);
      const gone = await server.request(`/v1/campaigns/${outreach.id}/enrolments/${b}`, { key: tenant.fullKey, method: 'DELETE' });
      assert.equal(gone.status, 200, gone.text);
      const set = await server.request(`/v1/campaigns/${outreach.id}`, { key: tenant.fullKey, method: 'PATCH', body: { executorId: exec.endpoint.id } });
      assert.equal(set.body.executorId, exec.endpoint.id);
      await until('the active one delivered', () => enrolmentsDelivered(exec).length === 1);
      assert.equal(enrolmentsDelivered(exec)[0]!.data.prospectId, a, 'the ended enrolment is not handed over');

      await setState(server, tenant, outreach.id, 'paused');
      const [c] = await importInto(server, tenant, outreach.id, [uniqueProfileUrl()]);
      const unenrolled = await server.request(`/v1/campaigns/${outreach.id}/enrolments/${c}`, { key: tenant.fullKey, method: 'DELETE' });
      assert.deepEqual([unenrolled.body.state, unenrolled.body.executorDelivery], ['stopped', 'none']);
      await setState(server, tenant, outreach.id, 'running');
      await afterATestEvent(server, tenant, exec);
      assert.equal(enrolmentsDelivered(exec).length, 1, 'the unenrolled prospect never went out');
      const cleared = await server.request(`/v1/campaigns/${outreach.id}`, { key: tenant.fullKey, method: 'PATCH', body: { executorId: null } });
      assert.equal(cleared.body.executorId, null);
      // Deleting the endpoint leaves the campaign without an executor, nothing else.
      await server.request(`/v1/campaigns/${outreach.id}`, { key: tenant.fullKey, method: 'PATCH', body: { executorId: exec.endpoint.id } });
      assert.equal((await server.request(`/v1/webhook-endpoints/${exec.endpoint.id}`, { key: tenant.fullKey, method: 'DELETE' })).status, 200);
      const after = await server.request(`/v1/campaigns/${outreach.id}`, { key: tenant.fullKey });
      assert.deepEqual([after.body.executorId, after.body.enrolled], [null, 3]);
    });

    test('illegal steps: after an end (a reply may follow finished), a bad type or date, and an enrolment that is not yours', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const outreach = await campaign(server, tenant, {});
      const [id] = await importInto(server, tenant, outreach.id, [uniqueProfileUrl()]);
      const [row] = await enrolments(server, tenant, outreach.id);
      assert.equal(row!.prospectId, id);
      assert.equal((await step(server, tenant, row!.id, { type: 'message_sent' })).status, 201);
      assert.equal((await step(server, tenant, row!.id, { type: 'finished' })).body.state, 'finished');
      const after = await step(server, tenant, row!.id, { type: 'message_sent' });
      assertProblem(after, 409, 'R000409-030');
      assert.deepEqual([after.body.state, after.body.type], ['finished', 'message_sent']);
      const lateReply = await step(server, tenant, row!.id, { type: 'replied' });
      assert.deepEqual([lateReply.status, lateReply.body.state], [201, 'replied']);
      assertProblem(await step(server, tenant, row!.id, { type: 'replied' }), 409, 'R000409-030');
      assert.equal((await server.request(`/v1/campaigns/${outreach.id}/stats`, { key: tenant.fullKey })).body.funnel[3].count, 1, 'the late reply counts');

      assert.equal((await step(server, tenant, row!.id, { type: 'waved' })).status, 400);
      assert.equal((await step(server, tenant, row!.id, { type: 'connected', extra: 1 })).status, 400);
      const future = await step(server, tenant, row!.id, { type: 'connected', occurredAt: new Date(Date.now() + 3_600_000).toISOString() });
      assertProblem(future, 400, 'V000400-001');
      assert.equal(future.body.errors[0].path, '/occurredAt');

      const other = await createTenant(server.database);
      const missing = unknownId();
      for (const [path, body] of [[`/v1/enrolments/${row!.id}/events`, { type: 'connected' }], [`/v1/enrolments/${row!.id}`, undefined], [`/v1/campaigns/${outreach.id}/stats`, undefined]] as const) {
        const foreign = await server.request(path, { key: other.fullKey, body });
        const absent = await server.request(path.replace(row!.id, missing).replace(outreach.id, missing), { key: other.fullKey, body });
        assertProblem(foreign, 404, 'R000404-001');
        assert.equal(foreign.body.detail.replace(row!.id, '<id>').replace(outreach.id, '<id>'), absent.body.detail.replace(missing, '<id>'), path);
      }
      const theirExecutor = await server.request('/v1/webhook-endpoints', { key: other.fullKey, body: { url: 'https://hooks.example.com/x', eventTypes: ['list.created'] } });
      assertProblem(await server.request('/v1/campaigns', { key: tenant.fullKey, body: { name: 'Theirs', executorId: theirExecutor.body.endpoint.id } }), 404, 'R000404-001');
      assertProblem(await server.request(`/v1/campaigns/${outreach.id}`, { key: tenant.fullKey, method: 'PATCH', body: { executorId: theirExecutor.body.endpoint.id } }), 404, 'R000404-001');
    });

    test('scopes: reporting a step needs write, reading an enrolment and the funnel needs read', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const outreach = await campaign(server, tenant, {});
      await importInto(server, tenant, outreach.id, [uniqueProfileUrl()]);
      const [row] = await enrolments(server, tenant, outreach.id);
      const reader = await createApiKey(server.database.db, tenant.user.id, 'reader', ['read']);
      const refused = await step(server, tenant, row!.id, { type: 'connected' }, reader.secret);
      assert.deepEqual([refused.status, refused.body.code, refused.body.scope], [403, 'A000403-003', 'write']);
      assert.equal((await server.request(`/v1/enrolments/${row!.id}`, { key: reader.secret })).status, 200);
      assert.equal((await server.request(`/v1/campaigns/${outreach.id}/stats`, { key: reader.secret })).status, 200);
      const writer = await createApiKey(server.database.db, tenant.user.id, 'executor', ['write']);
      assert.equal((await step(server, tenant, row!.id, { type: 'connected' }, writer.secret)).status, 201);
    });

    test('a draft may be deleted, nothing else; the deletion is in the feed', async () => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const draft = await campaign(server, tenant, { state: 'draft' });
      assert.equal(draft.state, 'draft');
      const deleted = await server.request(`/v1/campaigns/${draft.id}`, { key: tenant.fullKey, method: 'DELETE' });
      assert.deepEqual([deleted.status, deleted.body.id], [200, draft.id]);
      assert.equal((await server.request(`/v1/campaigns/${draft.id}`, { key: tenant.fullKey })).status, 404);
      const running = await server.request(`/v1/campaigns/${tenant.campaigns.running.id}`, { key: tenant.fullKey, method: 'DELETE' });
      assertProblem(running, 409, 'R000409-001');
      assert.equal(running.body.state, 'running');
      const feed = await server.request('/v1/events?after=0&types=campaign.deleted', { key: tenant.fullKey });
      assert.deepEqual(feed.body.data.map((e: { data: unknown }) => e.data), [{ campaignId: draft.id }]);
    });

    test('enrolments page newest or oldest first by enrolment time; a deleted prospect leaves no message behind', async (t) => {
      const server = shared();
      const tenant = await createTenant(server.database);
      const exec = await executor(t, server, tenant);
      const outreach = await campaign(server, tenant, { executorId: exec.endpoint.id });
      await setState(server, tenant, outreach.id, 'paused');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(...(await importInto(server, tenant, outreach.id, [uniqueProfileUrl()])));
      const read = async (order: string) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const answer = await server.request(`/v1/campaigns/${outreach.id}/enrolments?limit=2&order=${order}${cursor ? `&cursor=${cursor}` : ''}`, { key: tenant.fullKey });
          assert.equal(answer.status, 200, answer.text);
          seen.push(...answer.body.data.map((r: Enrolment) => r.prospectId));
          cursor = answer.body.nextCursor;
        } while (cursor);
        return seen;
      };
      assert.deepEqual(await read('oldest'), ids);
      assert.deepEqual(await read('newest'), [...ids].reverse());
      const removed = await server.request('/v1/prospects/bulk', { key: tenant.fullKey, body: { action: 'delete', ids: [ids[0]] } });
      assert.equal(removed.status, 200, removed.text);
      const messages = await server.database.db.selectFrom('webhook_messages').select('id').where('endpoint_id', '=', exec.endpoint.id).where('enrolment_id', 'is not', null).execute();
      assert.equal(messages.length, 2, "the deleted prospect's profile is gone from the delivery queue");
    });
  });
}

test('the OpenAPI document describes the executor message and the step catalogue', async (t) => {
  const server = await startServer(t, 'sqlite');
  const doc = (await server.request('/openapi.json')).body;
  const schema = doc.webhooks.executorEnrolment.post.requestBody.content['application/json'].schema;
  assert.deepEqual(Object.keys(schema.properties.data.properties).sort(), Object.keys(ExecutorEnrolmentData.properties).sort());
  const step = doc.paths['/v1/enrolments/{id}/events'].post;
  assert.ok(JSON.stringify(step.requestBody).includes('invitation_sent'));
  const feed = JSON.stringify(doc.paths['/v1/events'].get.responses['200']);
  for (const type of ['campaign.enrolment_step', 'campaign.deleted']) assert.ok(feed.includes(type), `${type} is in the feed's schema`);
});
