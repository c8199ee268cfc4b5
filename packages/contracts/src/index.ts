export * from './common';
export * from './fiscal';
export * from './roles';
export * from './organizations';
export * from './auth';
export * from './audit';
export * from './reference';
