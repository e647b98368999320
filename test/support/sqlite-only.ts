// Imported first by test files that run on SQLite only (the browser tests): keeps
// test/support/engines.ts from probing, and under CI requiring, PostgreSQL when it loads.
process.env.TEST_ENGINES ??= 'sqlite';
