/**
 * Every page of the web app, as a pattern for router.tsx's match(). The server answers a reload of
 * any of them with index.html (src/http/plugins/web-app.ts); test/browser/app.test.ts reloads each.
 * Kept free of React and the DOM so the server's tests can import it.
 */
export const CLIENT_ROUTES = ['/', '/signin', '/lists', '/lists/:id', '/prospects', '/prospects/:id', '/campaigns', '/campaigns/:id', '/activity', '/activity/:id', '/keys', '/import', '/imports', '/imports/:id', '/account', '/webhooks'] as const;

export type ClientRoute = (typeof CLIENT_ROUTES)[number];
