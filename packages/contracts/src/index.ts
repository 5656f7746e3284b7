export * from './api';
export * from './channel';
export * from './channel.routes';
export * from './common';
export * from './health';
export * from './problem';
export * from './route';
export * from './streamq';
