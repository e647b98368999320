import { Type, type Static } from '@sinclair/typebox';
import { Language } from './account.js';

// The web app's session shapes, served under /v1/session.

export const SignInRequest = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { examples: [{ email: 'ana@acme.test', password: 'correct horse battery staple' }] },
);
export type SignInRequest = Static<typeof SignInRequest>;

export const SessionAnswer = Type.Object({
  user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), language: Language }),
  /** Send as the x-csrf-token header with every change. */
  csrfToken: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  /** The server's MAX_BATCH: the most prospects one import request may carry (the app's CSV chunk size). */
  maxBatch: Type.Integer({ minimum: 1 }),
}, {
  examples: [
    {
      user: { id: '6b08edb8829f97ef98603970', email: 'ana@acme.test', name: 'Ana', language: 'fr' },
      csrfToken: 'kq3Z0tq3lM2pAq1bV7w8yq9l1lq4W0X1cF2u8Yb3n5E',
      expiresAt: '2026-12-16T09:30:00.000Z',
      maxBatch: 1000,
    },
  ],
});
export type SessionAnswer = Static<typeof SessionAnswer>;
