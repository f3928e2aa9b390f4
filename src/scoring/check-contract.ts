// Moved to src/check-kit/contract.ts; this shim keeps old imports compiling until the lead removes it.
export * from '../check-kit/contract.ts';
