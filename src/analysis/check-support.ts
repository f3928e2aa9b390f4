// Moved to src/check-kit/network-helpers.ts; this shim keeps old imports compiling until the lead removes it.
export * from '../check-kit/network-helpers.ts';
