// The analysis stage's public surface (design.md: analyse sits between evidence and checks).
export { analyseNetwork, createNetworkAnalyser, precisionMetres, type AnalyseOptions, type NetworkAnalyser } from './analyse-network.ts';
export { analysisContextFromEvidence, isDefaultPhase, isAdvertisingIdKind, persistentDeviceIdKinds } from './analysis-context.ts';
export { annotateHar } from './annotate-har.ts';
export { trackerDbAvailable } from './trackerdb-fallback.ts';
export * from './types.ts';
