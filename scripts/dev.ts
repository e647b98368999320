/**
 * npm run dev: the edit loop. The service runs from source and restarts on every saved change
 * (tsx watch, on PORT, default 8080); the web app runs on Vite's dev server, which reloads the page
 * and proxies /api to the service (app/vite.config.ts). Open the URL Vite prints; Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

const children: ChildProcess[] = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'scripts/serve-source.ts'], { cwd: ROOT, stdio: 'inherit' }),
  spawn(bin('vite'), ['--config', 'app/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' }),
];

let stopping = false;
function stopAll(): void {
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

// Ctrl-C reaches every process of the terminal's group, the children too: signalling them again
// would make tsx kill the service instead of letting it shut down gracefully.
process.on('SIGINT', () => (stopping = true));
process.on('SIGTERM', stopAll);

// One of them ending (a crash, a port in use) ends the loop: half a dev setup is a confusing one.
let remaining = children.length;
for (const child of children) {
  child.on('exit', (code) => {
    if (!stopping) {
      process.exitCode = code ?? 1;
      stopAll();
    }
    if (--remaining === 0) process.exit();
  });
}
