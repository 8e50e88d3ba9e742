export * from './units';
export * from './people';
export * from './audit';
export * from './jobs';
export * from './criteria';
export * from './roadmaps';
export * from './capital';
export * from './ocop';
