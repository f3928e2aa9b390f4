// adb shell output arrives with CRLF (older adb, Windows hosts) or LF; every parser splits here.
export function adbLines(output: string): string[] {
  return output.replace(/\r\n?/g, '\n').split('\n');
}

/** Leading spaces of a line: dumpsys nests sections by indentation only. */
export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
