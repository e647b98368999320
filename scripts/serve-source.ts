// `prospect-hub serve` from the TypeScript source: what `npm run dev` runs under `tsx watch`.
import { main } from '../src/cli/main.js';

process.exitCode = await main(['serve', ...process.argv.slice(2)]);
