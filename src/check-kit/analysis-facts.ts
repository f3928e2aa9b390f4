// The few pure rules of the analysis that checks also apply (what counts as a default phase, a
// persistent or advertising id, a first party, how far a number of decimals reaches), re-exported
// so checks depend on this kit alone and the analysis stays free to move its internals.
export { advertisingIdKinds, isAdvertisingIdKind, isDefaultPhase, persistentDeviceIdKinds } from '../analysis/analysis-context.ts';
export { precisionMetres } from '../analysis/analyse-network.ts';
export { isFirstParty, registrableDomain } from '../analysis/registrable-domain.ts';
