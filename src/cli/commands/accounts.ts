import { createAccount, requireUser, UserFacingError } from '../../services/accounts.js';
import { hashPassword, PASSWORD_MIN_LENGTH } from '../../services/passwords.js';
import { findPlan, listPlans, PLAN_IDS, updatePlan } from '../../store/plans.js';
import { findOrCreateTeam, setTeamDedup, updateUser } from '../../store/users.js';
import type { UserRow } from '../../store/schema.js';
import { optionalInteger, optionalString, oneOf, positional, requireString, type Command } from '../command.js';
import { readPassword } from '../password-input.js';

const renderUser = (user: UserRow) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  plan: user.plan_id,
  teamId: user.team_id,
  crmLimit: user.crm_limit,
  prospectCount: Number(user.prospect_count),
  hasPassword: user.password_hash !== null,
  createdAt: user.created_at,
});

export const userCreate: Command = {
  name: 'user create',
  summary: 'Create a user',
  usage: 'user create --email E [--name N] [--plan free|pro|advanced|business] [--team T] [--crm-limit N] [--password [P]]',
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    plan: { type: 'string' },
    team: { type: 'string' },
    'crm-limit': { type: 'string' },
    password: { type: 'boolean' },
    'password-value': { type: 'string' },
  },
  async run({ database, values }) {
    const db = (await database()).db;
    const password = values.password || values['password-value'] !== undefined ? await readPassword(values) : undefined;
    const user = await createAccount(db, {
      email: requireString(values, 'email'),
      name: optionalString(values, 'name'),
      plan: oneOf(values, 'plan', PLAN_IDS, 'advanced'),
      team: optionalString(values, 'team'),
      crmLimit: optionalInteger(values, 'crm-limit'),
      password,
    });
    return renderUser(user);
  },
  human: (u) => `created user ${u.email} (${u.id}) on the ${u.plan} plan`,
};

export const userSet: Command = {
  name: 'user set',
  summary: "Change a user's plan, team, CRM limit or extra permissions",
  usage: 'user set --email E [--plan P] [--team T|--no-team] [--crm-limit N|--plan-limit] [--permissions a,b|--no-permissions]',
  options: {
    email: { type: 'string' },
    plan: { type: 'string' },
    team: { type: 'string' },
    'no-team': { type: 'boolean' },
    'crm-limit': { type: 'string' },
    'plan-limit': { type: 'boolean' },
    permissions: { type: 'string' },
    'no-permissions': { type: 'boolean' },
  },
  async run({ database, values }) {
    const db = (await database()).db;
    const user = await requireUser(db, requireString(values, 'email'));
    const plan = oneOf(values, 'plan', PLAN_IDS);
    const team = optionalString(values, 'team');
    const crmLimit = optionalInteger(values, 'crm-limit');
    const permissions = optionalString(values, 'permissions');
    const updated = await updateUser(db, user.id, {
      planId: plan,
      teamId: values['no-team'] ? null : team ? (await findOrCreateTeam(db, team)).id : undefined,
      crmLimit: values['plan-limit'] ? null : crmLimit,
      permissions: values['no-permissions'] ? null : permissions ? permissions.split(',').map((p) => p.trim()).filter(Boolean) : undefined,
    });
    return renderUser(updated!);
  },
  human: (u) => `updated user ${u.email}`,
};

export const userSetPassword: Command = {
  name: 'user set-password',
  summary: "Set a user's password for the web app (read from stdin or a prompt)",
  usage: 'user set-password --email E [--password-value P]',
  options: { email: { type: 'string' }, 'password-value': { type: 'string' } },
  async run({ database, values }) {
    const db = (await database()).db;
    const user = await requireUser(db, requireString(values, 'email'));
    const password = await readPassword(values);
    if (password.length < PASSWORD_MIN_LENGTH) throw new UserFacingError(`the password must have at least ${PASSWORD_MIN_LENGTH} characters`);
    await updateUser(db, user.id, { passwordHash: await hashPassword(password) });
    return { id: user.id, email: user.email, passwordSet: true };
  },
  human: (r) => `password set for ${r.email}`,
};

export const planList: Command = {
  name: 'plan list',
  summary: 'Show the plans and their limits',
  usage: 'plan list',
  options: {},
  async run({ database }) {
    return (await listPlans((await database()).db)).map((p) => ({
      id: p.id,
      name: p.name,
      apiAccess: Number(p.api_access) === 1,
      crmLimit: Number(p.crm_limit),
      permissions: JSON.parse(p.permissions) as string[],
      rateLimitPerMinute: Number(p.rate_limit_per_minute),
    }));
  },
  human: (plans: { id: string; apiAccess: boolean; crmLimit: number; permissions: string[]; rateLimitPerMinute: number }[]) =>
    plans
      .map((p) => `${p.id.padEnd(9)} api:${p.apiAccess ? 'yes' : 'no '} crm-limit:${p.crmLimit} rate:${p.rateLimitPerMinute}/min ${p.permissions.join(',')}`)
      .join('\n'),
};

export const planSet: Command = {
  name: 'plan set',
  positionals: 1,
  summary: "Change a plan's API access, CRM limit, permissions or rate limit",
  usage: 'plan set ID [--api-access true|false] [--crm-limit N] [--permissions a,b] [--rate-limit N]',
  options: { 'api-access': { type: 'string' }, 'crm-limit': { type: 'string' }, permissions: { type: 'string' }, 'rate-limit': { type: 'string' } },
  async run(context) {
    const db = (await context.database()).db;
    const id = positional(context, 0, 'plan id');
    if (!(await findPlan(db, id))) throw new UserFacingError(`no plan "${id}"`);
    const access = oneOf(context.values, 'api-access', ['true', 'false'] as const);
    const permissions = optionalString(context.values, 'permissions');
    const plan = await updatePlan(db, id, {
      apiAccess: access === undefined ? undefined : access === 'true',
      crmLimit: optionalInteger(context.values, 'crm-limit'),
      permissions: permissions === undefined ? undefined : permissions.split(',').map((p) => p.trim()).filter(Boolean),
      rateLimitPerMinute: optionalInteger(context.values, 'rate-limit', 1),
    });
    return { id: plan!.id, apiAccess: Number(plan!.api_access) === 1, crmLimit: Number(plan!.crm_limit), permissions: JSON.parse(plan!.permissions), rateLimitPerMinute: Number(plan!.rate_limit_per_minute) };
  },
  human: (p) => `updated plan ${p.id}`,
};

export const teamSet: Command = {
  name: 'team set',
  positionals: 1,
  summary: "Create a team or switch its deduplication",
  usage: 'team set NAME --dedup on|off',
  options: { dedup: { type: 'string' } },
  async run(context) {
    const db = (await context.database()).db;
    const dedup = oneOf(context.values, 'dedup', ['on', 'off'] as const, 'on')!;
    const team = await findOrCreateTeam(db, positional(context, 0, 'team name'), dedup === 'on');
    await setTeamDedup(db, team.id, dedup === 'on');
    return { id: team.id, name: team.name, dedup: dedup === 'on' };
  },
  human: (t) => `team ${t.name}: deduplication ${t.dedup ? 'on' : 'off'}`,
};
