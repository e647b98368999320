import Fastify from 'fastify';

/**
 * The HTTP ceiling (docs/benchmarks.md, "HTTP ceiling"): a bare Fastify server that parses the same import body and
 * answers with a body of the same shape and size as ours, without touching a database, without
 * authentication or schema validation. Whatever our server does beyond this costs throughput.
 */

interface Body {
  prospectListId: string;
  prospects: { url: string; customProfile?: Record<string, unknown> }[];
}

let counter = 0;
const idBase = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0') + '0123456789';

const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
app.get('/healthz', async () => ({ status: 'ok' }));
app.post('/prospects/addProspectFromIntegration', async (request) => {
  const body = request.body as Body;
  const result = body.prospects.map((prospect) => {
    counter = (counter + 1) & 0xffffff;
    const slug = prospect.url.slice(prospect.url.lastIndexOf('/in/') + 4);
    return {
      importCode: 'success',
      prospect: {
        _id: idBase + counter.toString(16).padStart(6, '0'),
        listId: body.prospectListId,
        profile: {
          ...prospect.customProfile,
          publicIdentifier: slug,
          memberId: null,
          salesMemberId: null,
          linkedinUrl: `https://www.linkedin.com/in/${slug}`,
        },
        customVariables: [],
      },
      message: null,
    };
  });
  return { result, warnings: [], dryRun: false, activityId: idBase + '000000' };
});

await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
