// data/sdk-code-signatures.yaml, and the matching of a package's classes, frameworks and
// entitlements against it. Prefixes are literal (a dot is a dot): a sorted class list is
// searched by binary search, so 100,000 classes against 100 prefixes is 100 look-ups, not 10^7.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { InputFileError } from '../errors.ts';
import type { EmbeddedSdk } from './package-inspection-schema.ts';

export const signaturesFile = fileURLToPath(new URL('../../data/sdk-code-signatures.yaml', import.meta.url));

const SignatureSchema = z.strictObject({
  company: z.string().min(1),
  product: z.string().min(1),
  purpose: z.enum(['tracking', 'age-assurance']),
  classPrefixes: z.array(z.string().regex(/^[A-Za-z_$][\w$]*(\.[\w$]*)*$/, 'a dotted Java class-name prefix such as com.example.sdk.')).default([]),
  iosFrameworks: z.array(z.string().min(1)).default([]),
  entitlements: z.array(z.string().min(1)).default([]),
  codeSource: z.string().min(1),
  verified: z.boolean(),
});
export type SdkSignature = z.infer<typeof SignatureSchema>;

export function loadSignatures(file: string = signaturesFile): SdkSignature[] {
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputFileError(file, `the SDK code signatures could not be read: ${(error as Error).message}`);
  }
  const parsed = z.strictObject({ signatures: z.array(SignatureSchema) }).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputFileError(file, `${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.signatures;
}

/** How many of the sorted `classes` start with `prefix`. */
function countWithPrefix(sortedClasses: readonly string[], prefix: string): number {
  let low = 0;
  let high = sortedClasses.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sortedClasses[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  let count = 0;
  for (let at = low; at < sortedClasses.length && sortedClasses[at]!.startsWith(prefix); at += 1) count += 1;
  return count;
}

export interface PackageContents {
  /** Every class name, sorted by code unit. */
  sortedClasses: readonly string[];
  frameworks: readonly string[];
  entitlements: readonly string[];
}

export function matchSignatures(signatures: readonly SdkSignature[], contents: PackageContents): EmbeddedSdk[] {
  const frameworks = new Set(contents.frameworks);
  const entitlements = new Set(contents.entitlements);
  const found: EmbeddedSdk[] = [];
  for (const signature of signatures) {
    const matchedBy: string[] = [];
    let classCount = 0;
    for (const prefix of signature.classPrefixes) {
      const count = countWithPrefix(contents.sortedClasses, prefix);
      if (count > 0) {
        matchedBy.push(prefix);
        classCount += count;
      }
    }
    for (const framework of signature.iosFrameworks) if (frameworks.has(framework)) matchedBy.push(`${framework}.framework`);
    for (const entitlement of signature.entitlements) if (entitlements.has(entitlement)) matchedBy.push(entitlement);
    if (matchedBy.length > 0) found.push({ company: signature.company, product: signature.product, purpose: signature.purpose, matchedBy, classCount });
  }
  return found;
}
