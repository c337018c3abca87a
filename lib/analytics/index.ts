// Pure analytics (no I/O): training load, pain trends and caseload alerts.
export * from './load';
export * from './pain';
export * from './alerts';
export * from './adherence';
