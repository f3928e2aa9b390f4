// A folder the system will not let us write (read-only, not ours, full) is the user's to fix, not a
// bug: one line naming the path and the fix, exit 2, instead of a stack trace.

const refusals: Record<string, string> = {
  EROFS: 'is on a read-only file system',
  EACCES: 'may not be written by this user',
  EPERM: 'may not be changed by this user',
  ENOSPC: 'cannot be written: the disk is full',
  EDQUOT: 'cannot be written: the disk quota is used up',
  ENOTDIR: 'has a file where a folder is needed',
  EISDIR: 'is a folder where a file is needed',
};

/** The sentence for a file-system refusal with a path, or undefined for anything else (a real bug). */
export function describeFileSystemRefusal(error: unknown): string | undefined {
  const failure = error as NodeJS.ErrnoException | undefined;
  if (!failure || typeof failure.code !== 'string' || typeof failure.path !== 'string') return undefined;
  const words = refusals[failure.code];
  if (!words) return undefined;
  return `${failure.path} ${words} (${failure.code} on ${failure.syscall ?? 'access'}); give a folder you can write to, or free space, and run the command again (what was already written is kept)`;
}
