import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import type { Database } from '../../store/database.js';
import { guardEveryRoute, type Guard } from '../guards.js';
import sessionAuth from '../plugins/session-auth.js';
import account from './v1/account.js';
import accountMembers from './v1/account-members.js';
import accountPassword from './v1/account-password.js';
import activity from './v1/activity.js';
import activityByDay from './v1/activity-by-day.js';
import activityUndo from './v1/activity-undo.js';
import campaignEnrolments from './v1/campaign-enrolments.js';
import campaignStats from './v1/campaign-stats.js';
import enrolments from './v1/enrolments.js';
import events from './v1/events.js';
import appCampaigns from './v1/campaigns.js';
import exportCsv from './v1/export.js';
import imports from './v1/prospects-import.js';
import importUndo from './v1/import-undo.js';
import importJobs from './v1/imports.js';
import importResults from './v1/import-results.js';
import keys from './v1/keys.js';
import lists from './v1/lists.js';
import privacy from './v1/privacy.js';
import prospectNotes from './v1/prospect-notes.js';
import prospectTags from './v1/prospect-tags.js';
import prospects from './v1/prospects.js';
import prospectsExport from './v1/prospects-export.js';
import views from './v1/views.js';
import session from './v1/session.js';
import tagList from './v1/tags.js';
import webhookEndpoints from './v1/webhook-endpoints.js';
import campaignsGetAll from './campaigns/get-all.js';
import health from './health.js';
import integrationsTest from './integrations/test.js';
import getProspectLists from './prospectLists/get-prospect-lists.js';
import addProspectFromIntegration from './prospects/add-prospect-from-integration.js';

/** What every route plugin is given. */
export interface RouteContext {
  database: Database;
  config: Config;
}

export type RoutePlugin = FastifyPluginAsyncTypebox<RouteContext>;

interface RouteFamily {
  /** Who may call the family's routes: applied to each of them (src/http/guards.ts). */
  guard: Guard;
  routes: RoutePlugin[];
}

/**
 * The route table: every route of the service, by family. A file under routes/ is named after its
 * URL; adding a route is adding its file and one line here, in the family whose guard it needs.
 */
export const ROUTE_TABLE: Record<string, RouteFamily> = {
  operations: { guard: 'public', routes: [health] },
  /** The compatible API, called by integrations with an API key. */
  integration: { guard: 'apiKey', routes: [integrationsTest, getProspectLists, campaignsGetAll, addProspectFromIntegration] },
  /** The /v1 API: integrations with a scoped API key, and the web app with its session. */
  v1: {
    guard: 'sessionOrKey',
    routes: [session, account, lists, prospects, appCampaigns, campaignEnrolments, activity, keys, imports, exportCsv, events, webhookEndpoints, privacy, accountMembers, accountPassword, activityByDay, prospectTags, prospectNotes, tagList, campaignStats, enrolments, activityUndo, importUndo, prospectsExport, views, importJobs, importResults],
  },
};

/**
 * Registers the route table, each family in a scope of its own: its guard applies to its routes
 * only, and the session family's cookie parser runs for the app's routes only, not for every
 * integration import (~3% of a one-prospect request).
 */
export default async function routes(app: FastifyInstance, context: RouteContext): Promise<void> {
  for (const family of Object.values(ROUTE_TABLE)) {
    await app.register(async (scope) => {
      if (family.guard === 'sessionOrKey') await scope.register(sessionAuth, context);
      guardEveryRoute(scope, family.guard);
      for (const route of family.routes) await scope.register(route, context);
    });
  }
}
