// Moved to src/check-kit/evidence-refs.ts; this shim keeps old imports compiling until the lead removes it.
export * from '../check-kit/evidence-refs.ts';
