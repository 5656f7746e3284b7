export * from './audit';
export * from './channel';
export * from './criterion';
export * from './finish';
export * from './live';
export * from './node';
export * from './recording';
