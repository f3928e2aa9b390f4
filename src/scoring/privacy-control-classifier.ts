// Moved to src/check-kit/privacy-control-classifier.ts; this shim keeps old imports compiling until the lead removes it.
export * from '../check-kit/privacy-control-classifier.ts';
