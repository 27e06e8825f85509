export * from './access';
export * from './meta';
export * from './schemas';
