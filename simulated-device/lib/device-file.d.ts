// Types of device-file.js for the TypeScript tests and tools that read a simulated game file.
export class DeviceFileError extends Error {
  constructor(file: string, field: string, problem: string);
}
export interface SimulatedScreen {
  id: string;
  xml: string;
  document: unknown;
  screenshot: Buffer;
  taps: { element: string; to: string; grants: string[] }[];
  back: string | undefined;
}
export interface ShellEntry {
  command: string;
  output: string;
  afterVisiting: { screen: string; output: string }[];
}
export interface SimulatedDevice {
  file: string;
  packageName: string;
  model: string;
  platformVersion: string;
  start: string;
  screens: Map<string, SimulatedScreen>;
  permissions: { requested: string[]; granted: string[] };
  shell: ShellEntry[];
  traffic: Record<string, string>;
}
export function loadDeviceFile(file: string): SimulatedDevice;
