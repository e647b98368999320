import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, preValidationHookHandler } from 'fastify';
import fp from 'fastify-plugin';

/**
 * A query string is text: `?limit=20&active=true` arrives as strings. The validator coerces nothing
 * (app.ts: a wrong type in a JSON body is an error, not a guess), so each route with a querystring
 * schema converts its query to the declared types first, with TypeBox's Value.Convert: only a value
 * that reads exactly as the declared type is converted ("20" to 20, "true" to true); "many" stays a
 * string and fails validation with the field at fault.
 */
// Only routes whose query declares a number or a boolean get the hook: the import's query is text only.
function declaresNonText(schema: TSchema): boolean {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  return Object.values(properties).some((property) => ['integer', 'number', 'boolean'].includes(String(property.type)));
}

export default fp(async function queryTypes(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const schema = (route.schema as { querystring?: TSchema } | undefined)?.querystring;
    if (schema === undefined || !declaresNonText(schema)) return;
    const convert: preValidationHookHandler = (request, _reply, done) => {
      request.query = Value.Convert(schema, request.query);
      done();
    };
    route.preValidation = [convert, ...(route.preValidation === undefined ? [] : [route.preValidation].flat())] as typeof route.preValidation;
  });
});
