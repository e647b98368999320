import { PROBLEMS } from '../problems.js';

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The page a problem's `type` (`/docs/problems#CODE`) resolves to: every code with its status and
 * title, each row anchored by its code, so the link lands on the row (RFC 7807 §3.1: the type URI
 * should lead to human-readable documentation).
 */
export function problemCataloguePage(): string {
  const rows = Object.entries(PROBLEMS)
    .map(([code, p]) => `<tr id="${code}"><td><code>${code}</code></td><td>${p.status}</td><td>${escape(p.title)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>prospect-hub problem codes</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:48rem}td,th{padding:.25rem .75rem;text-align:left}tr:target{background:#fef3c7}</style>
</head><body><h1>Problem codes</h1>
<p>Every error of prospect-hub is an RFC 7807 problem (<code>application/problem+json</code>) whose <code>code</code> is one of these. The API reference is <a href="/docs">/docs</a>.</p>
<table><thead><tr><th>code</th><th>status</th><th>title</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
