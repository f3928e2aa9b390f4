// Types of adb.js's pure helpers, for the TypeScript tests.
import type { ShellEntry } from './device-file.js';
export function shellCommandLine(command: string, args?: unknown): string;
export function nearestSupportedCommand(table: ShellEntry[], line: string): string | undefined;
export function answerShell(table: ShellEntry[], visitedScreens: Set<string>, line: string): string;
export function mobileShell(this: unknown, command: string, args?: unknown): Promise<string>;
