import { Type } from '@sinclair/typebox';
import { ApiProblem } from '../../problems.js';
import { problemResponses } from '../problem-response.js';
import type { RoutePlugin } from './index.js';

/** /healthz: the process is up. /readyz: the database answers, checked on every call. */
const route: RoutePlugin = async (app, { database }) => {
  app.get(
    '/healthz',
    { schema: { tags: ['Operations'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } }, logLevel: 'warn' },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['Operations'],
        response: { 200: Type.Object({ status: Type.Literal('ready'), engine: Type.String() }), ...problemResponses(503) },
      },
      logLevel: 'warn',
    },
    async () => {
      if (!(await database.ping())) throw new ApiProblem('S000503-001', 'the database does not answer');
      return { status: 'ready' as const, engine: database.engine };
    },
  );
};
export default route;
