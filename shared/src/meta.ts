export const APP_NAME = 'Masar';
export const DEFAULT_TIME_ZONE = 'Africa/Cairo';
export const LOCALES = ['en', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DB_KINDS = ['pglite', 'postgres'] as const;
export type DbKind = (typeof DB_KINDS)[number];
