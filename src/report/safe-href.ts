// Links built from captured values point only at files inside the bundle: a relative POSIX path
// of plain characters, no "..", no scheme (so never javascript: or a remote URL).
const safePath = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9_][A-Za-z0-9_./-]*$/;

export function bundleFileHref(file: string): string | undefined {
  if (!safePath.test(file) || file.includes('//')) return undefined;
  return file.split('/').map(encodeURIComponent).join('/');
}

/** Anchor ids made from captured text: only [a-z0-9-], so they cannot break out of an attribute. */
export function anchorId(prefix: string, value: string): string {
  const slug = value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${prefix}-${slug || 'x'}`;
}
