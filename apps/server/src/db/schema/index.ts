export * from './audit';
export * from './channel';
export * from './criterion';
export * from './live';
export * from './node';
