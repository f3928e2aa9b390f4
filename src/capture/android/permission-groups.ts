// Moved to src/capture/appium/ (shared by the Appium backends); this shim keeps old imports compiling until the lead removes it.
export * from '../appium/permission-groups.ts';
