export { type Config, loadConfig } from './config';
export { type Database, type Db, openDatabase, rowsOf } from './db';
export { applyRlsScope, withScope } from './db/tenant';
export { PROGRESS_COLUMNS, REVIEW_COLUMNS } from './features/cohorts/export';
export { NOTIFICATION_KINDS, type NotificationKind } from './features/notifications/service';
export {
  catalogs as serverCatalogs,
  formatDay,
  resolveLocale,
  SERVER_LOCALES,
  type ServerLocale,
  t as serverT,
} from './i18n';
export type { AppRouter } from './router';
export { appRouter, createCaller } from './router';
export { type RunningServer as RunningServerLike, startServer } from './server';
export type { AppDeps, Context, HttpMeta } from './trpc';
