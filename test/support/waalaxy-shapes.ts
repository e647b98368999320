import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The answer shapes of Waalaxy's published OpenAPI for the four compatible endpoints (written from
 * its public-api document, not from our schemas, so a drift of ours fails): every field Waalaxy
 * declares, with its type, enum and required-ness. Extra fields are allowed (ours are documented
 * extensions, and a client never breaks on one); one deliberate difference: `message` may be null.
 * test/support/server.ts checks every answer the test suite receives from these endpoints.
 */

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const ImportCode = literals([
  'duplicated_prospect',
  'prospect_successfully_moved_to_another_list',
  'failed_to_change_prospect_list',
  'server_error',
  'success',
  'profile_deleted',
  'unknown_error',
  'max_limit_crm',
  'custom_variable_exceeds_1000_chars',
]);

const AddToCampaignCode = literals([
  'cant_add_prospect_campaign_not_exist',
  'cant_add_prospect_campaign_is_archived',
  'prospect_does_not_match_preconditions',
  'success',
  'unknown_error',
  'already_in_campaign',
]);

const Profile = Type.Object({
  firstName: Type.Optional(Type.String()),
  lastName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  publicIdentifier: Type.Optional(Type.String()),
  memberId: Type.Optional(Type.String()),
  salesMemberId: Type.Optional(Type.String()),
});

const resultItem = (prospect: TSchema) =>
  Type.Object({
    importCode: ImportCode,
    addToCampaignCode: Type.Optional(AddToCampaignCode),
    prospect,
    message: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  });

const ImportProspectSuccess = resultItem(Type.Object({ _id: Type.String(), profile: Profile }));
const ImportProspectFailure = resultItem(Type.Object({ profile: Profile }));

const ImportAnswer = Type.Object({ result: Type.Array(Type.Union([ImportProspectSuccess, ImportProspectFailure])) });

const ProspectList = Type.Object({
  user: Type.String(),
  // Any type, but required.
  name: Type.Unknown(),
  iconColor: Type.Optional(Type.String()),
  iconLabel: Type.Optional(Type.String()),
  totalProspects: Type.Optional(Type.Number()),
  _id: Type.String(),
});
const ProspectLists = Type.Array(ProspectList);

const Campaigns = Type.Object({
  total: Type.Number(),
  campaigns: Type.Array(Type.Object({ _id: Type.String(), name: Type.String({ minLength: 1, maxLength: 100 }) })),
});

const TooManyRequests = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Number(), instance: Type.Optional(Type.String()) });

const SHAPES: Record<string, TSchema> = {
  'GET /integrations/test': Type.Boolean(),
  'GET /prospectLists/getProspectLists': ProspectLists,
  'GET /campaigns/getAll': Campaigns,
  'POST /prospects/addProspectFromIntegration': ImportAnswer,
};

/** Throws when an answer of one of the four endpoints does not have Waalaxy's published shape. */
export function assertWaalaxyShape(method: string, url: string, status: number, body: unknown): void {
  const shape = SHAPES[`${method.toUpperCase()} ${url.split('?')[0]}`];
  if (!shape) return;
  const schema = status === 200 ? shape : status === 429 ? TooManyRequests : undefined;
  if (!schema || Value.Check(schema, body)) return;
  throw new Error(`${method} ${url} answered ${status} in a shape Waalaxy's clients do not expect:\n  ${errorsOf(schema, body).slice(0, 8).join('\n  ')}`);
}

/** Each error with its path; a union that failed is opened, so the field at fault is named. */
function errorsOf(schema: TSchema, value: unknown, prefix = ''): string[] {
  return [...Value.Errors(schema, value)].flatMap((e) => {
    const branches = (e.schema as { anyOf?: TSchema[] }).anyOf;
    const here = `${prefix}${e.path || '/'}: ${e.message}`;
    return branches ? [here, ...branches.flatMap((branch) => errorsOf(branch, e.value, prefix + e.path))] : [here];
  });
}
