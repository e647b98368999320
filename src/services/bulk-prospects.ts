import { validationProblem } from '../problems.js';
import type { BulkAnswer, BulkRequest } from '../schemas/prospects.js';
import type { Database } from '../store/database.js';
import { findCampaign } from '../store/campaigns.js';
import { idsMatching } from '../store/prospect-queries.js';
import { deleteProspects, enrolProspects, moveProspects } from './manage-prospects.js';
import { readFilter } from './prospect-filter.js';
import { bulkTag, readTagNames } from './prospect-tags.js';

/** The field each action needs, and refuses from the others. */
const TARGET = { move: 'listId', enrol: 'campaignId', delete: null, tag: 'tags', untag: 'tags' } as const;

function checkShape(request: BulkRequest): void {
  const errors = [];
  if ((request.ids === undefined) === (request.filter === undefined)) errors.push({ path: '/ids', message: 'send exactly one of ids and filter' });
  for (const field of ['listId', 'campaignId', 'tags'] as const) {
    const wanted = TARGET[request.action] === field;
    if (wanted && request[field] === undefined) errors.push({ path: `/${field}`, message: `is required to ${request.action}` });
    if (!wanted && request[field] !== undefined) errors.push({ path: `/${field}`, message: `has no meaning for ${request.action}` });
  }
  if (errors.length > 0) throw validationProblem(errors);
}

/**
 * POST /v1/prospects/bulk (docs/v1.md#bulk-actions): move, delete, enrol, tag or untag the prospects named by
 * ids, or every prospect of the caller matching a filter (selected first, then acted on in one
 * transaction each: prospects inserted meanwhile are not part of it). Counts are exact and add up to
 * `selected`: ids that name no prospect of the caller are `not_found`, never an error.
 */
export async function runBulk(database: Database, userId: string, request: BulkRequest): Promise<BulkAnswer> {
  checkShape(request);
  // Names are checked before anything is selected: a bad one refuses the whole action.
  const tags = request.tags ? readTagNames(request.tags, '/tags') : [];
  const ids = request.filter ? await idsMatching(database.db, userId, readFilter(request.filter, '/filter')) : [...new Set(request.ids)];
  const answer = (counts: Record<string, number>): BulkAnswer => ({ action: request.action, selected: ids.length, counts });
  if (request.action === 'move') {
    const { moved, skipped, notFound } = await moveProspects(database, userId, ids, request.listId ?? '');
    return answer({ moved, skipped, not_found: notFound });
  }
  if (request.action === 'tag' || request.action === 'untag') {
    const { changed, unchanged, notFound } = await bulkTag(database, userId, ids, tags, request.action);
    return answer({ [request.action === 'tag' ? 'tagged' : 'untagged']: changed, unchanged, not_found: notFound });
  }
  if (request.action === 'delete') {
    const { deleted } = await deleteProspects(database, userId, ids);
    return answer({ deleted, not_found: ids.length - deleted });
  }
  const { counts, reasons, holders } = await enrolProspects(database, userId, ids, request.campaignId ?? '');
  const enrolled = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const alreadyIn = await campaignsHolding(database, userId, holders);
  return { ...answer({ ...counts, not_found: ids.length - enrolled }), ...(reasons ? { reasons } : {}), ...(alreadyIn.length > 0 ? { alreadyIn } : {}) };
}

/** The campaigns holding prospects that could not be enrolled, most first: the app links them. */
async function campaignsHolding(database: Database, userId: string, holders: ReadonlyMap<string, number>): Promise<NonNullable<BulkAnswer['alreadyIn']>> {
  const found = [];
  for (const [campaignId, count] of holders) {
    const campaign = await findCampaign(database.db, userId, campaignId);
    if (campaign) found.push({ campaign: { id: campaign.id, name: campaign.name, state: campaign.state }, count });
  }
  return found.sort((a, b) => b.count - a.count || a.campaign.name.localeCompare(b.campaign.name));
}
