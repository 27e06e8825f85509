export * from './access';
export * from './analysis';
export * from './github-url';
export * from './meta';
export * from './roadmap/builtin';
export * from './roadmap/types';
export * from './schemas';
export * from './timeline';
