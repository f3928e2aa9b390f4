// Everything a check may use, in one place: the contract, the input table, and the helpers checks
// share. Checks import from here (and types from src/evidence and src/analysis) and nothing else.
export * from './contract.ts';
export * from './evidence-refs.ts';
export * from './network-helpers.ts';
export * from './privacy-control-classifier.ts';
export * from './analysis-facts.ts';
export { inputNames, inputTable } from './inputs.ts';
export * from './not-collected.ts';
export * from './nothing-to-look-for.ts';
export * from './persona-treatment.ts';
// What an app package declares against what the capture saw (src/inspect/): pure, shared by checks and the report.
export * from '../inspect/declared-vs-observed.ts';
export * from './location-requests.ts';
export * from './count-words.ts';
export * from './consent-comparison.ts';
