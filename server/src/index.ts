export { type Config, loadConfig } from './config';
export { type Database, type Db, openDatabase, rowsOf } from './db';
export { applyRlsScope, withRls } from './db/tenant';
export type { AppRouter } from './router';
export { appRouter, createCaller } from './router';
export { type RunningServer as RunningServerLike, startServer } from './server';
export type { AppDeps, Context, HttpMeta } from './trpc';
