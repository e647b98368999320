import type { PersonExport } from '../schemas/privacy.js';
import { enrolmentsOfProspect, importsOfProspect } from '../store/app-prospects.js';
import type { Database } from '../store/database.js';
import type { Db } from '../store/db.js';
import { stepsOf } from '../store/enrolment-steps.js';
import { listNames } from '../store/lists.js';
import { movesOfProspect } from '../store/prospect-moves.js';
import { notesOf } from '../store/notes.js';
import { tagNamesOf } from '../store/tags.js';
import type { ProspectRow } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { findPerson, type PersonRef } from './find-person.js';

/**
 * Everything the caller's CRM holds about one person, every copy with its profile, variables, list,
 * enrolments, moves, tags, notes and imports (docs/v1.md#privacy-erasure-do-not-contact-access), read in one
 * transaction so the copies agree with each other.
 */
export async function exportPerson(database: Database, userId: string, ref: PersonRef): Promise<PersonExport> {
  return inTransaction(database, async (trx) => {
    const { identity, copies } = await findPerson(trx, userId, ref);
    const names = await listNames(trx, userId, [...new Set(copies.map((c) => c.list_id))]);
    const ids = copies.map((c) => c.id);
    const [tags, notes] = [await tagNamesOf(trx, userId, ids), await notesOf(trx, userId, ids)];
    const exported: PersonExport['copies'] = [];
    for (const row of copies) {
      const [enrolments, moves, imports] = [
        await enrolmentsOfProspect(trx, userId, row.id),
        await movesOfProspect(trx, userId, row.id),
        await importsOfProspect(trx, userId, row.id),
      ];
      exported.push({
        ...copyFields(row, names.get(row.list_id) ?? null),
        enrolments: await enrolmentsWithSteps(trx, enrolments),
        moves: moves.map((m) => ({ fromListId: m.from_list_id, toListId: m.to_list_id, createdAt: m.created_at })),
        tags: tags.get(row.id) ?? [],
        notes: notes.filter((n) => n.prospect_id === row.id).map((n) => ({ body: n.body, authorName: n.author_name, createdAt: n.created_at, updatedAt: n.updated_at })),
        imports: imports.map((i) => ({ activityId: i.eventId, listId: i.listId, importCode: i.importCode, addToCampaignCode: i.addToCampaignCode, createdAt: i.createdAt })),
      });
    }
    return { identity: { kind: identity.kind, value: identity.value, linkedinUrl: identity.canonicalUrl }, copies: exported };
  });
}

async function enrolmentsWithSteps(trx: Db, enrolments: Awaited<ReturnType<typeof enrolmentsOfProspect>>): Promise<PersonExport['copies'][number]['enrolments']> {
  const exported: PersonExport['copies'][number]['enrolments'] = [];
  for (const e of enrolments) {
    const steps = (await stepsOf(trx, e.id)).map((s) => ({ type: s.type, note: s.note, occurredAt: s.occurred_at }));
    exported.push({ campaignId: e.campaignId, campaignName: e.campaignName, active: Number(e.active) === 1, createdAt: e.createdAt, steps });
  }
  return exported;
}

function copyFields(row: ProspectRow, listName: string | null) {
  return {
    id: row.id,
    listId: row.list_id,
    listName,
    linkedinUrl: row.linkedin_url,
    profile: JSON.parse(row.profile) as Record<string, unknown>,
    customVariables: JSON.parse(row.custom_variables) as { label: string; value: string }[],
    origin: row.origin,
    duplicateOf: row.duplicate_of,
    doNotContact: Number(row.do_not_contact) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
