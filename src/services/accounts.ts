import { findPlan } from '../store/plans.js';
import type { Db } from '../store/db.js';
import type { UserRow } from '../store/schema.js';
import { createUser, findOrCreateTeam, findUserByEmail } from '../store/users.js';
import { hashPassword, PASSWORD_MIN_LENGTH } from './passwords.js';

/** A refusal a person can act on (bad argument, missing record), shown as one line by the CLI. */
export class UserFacingError extends Error {}

export interface CreateAccount {
  email: string;
  name?: string;
  plan?: string;
  team?: string;
  crmLimit?: number;
  password?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export async function createAccount(db: Db, input: CreateAccount): Promise<UserRow> {
  const email = input.email.trim();
  if (!EMAIL.test(email)) throw new UserFacingError(`"${input.email}" is not an email address`);
  const planId = input.plan ?? 'advanced';
  if (!(await findPlan(db, planId))) throw new UserFacingError(`no plan "${planId}" (see: prospect-hub plan list)`);
  if (await findUserByEmail(db, email)) throw new UserFacingError(`a user with email ${email} already exists`);
  if (input.password !== undefined && input.password.length < PASSWORD_MIN_LENGTH) {
    throw new UserFacingError(`the password must have at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  const team = input.team ? await findOrCreateTeam(db, input.team) : null;
  return createUser(db, {
    email,
    name: input.name?.trim() || email.split('@')[0] || email,
    planId,
    teamId: team?.id ?? null,
    crmLimit: input.crmLimit ?? null,
    passwordHash: input.password === undefined ? null : await hashPassword(input.password),
  });
}

export async function requireUser(db: Db, email: string): Promise<UserRow> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new UserFacingError(`no user with email ${email}`);
  return user;
}
