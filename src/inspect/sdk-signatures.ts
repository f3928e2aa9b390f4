// data/sdk-code-signatures.yaml, and the matching of a package's classes, frameworks and
// entitlements against it. Prefixes are literal (a dot is a dot): a sorted class list is
// searched by binary search, so 100,000 classes against 100 prefixes is 100 look-ups, not 10^7.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadYamlFile } from '../plan/load.ts';
import { descriptorPrefix } from './dex-classes.ts';
import type { EmbeddedSdk } from './package-inspection-schema.ts';

export const signaturesFile = fileURLToPath(new URL('../../data/sdk-code-signatures.yaml', import.meta.url));

const SignatureSchema = z.strictObject({
  company: z.string().min(1),
  product: z.string().min(1),
  purpose: z.enum(['tracking', 'age-assurance']),
  classPrefixes: z.array(z.string().regex(/^[A-Za-z_$][\w$]*(\.[\w$]*)*$/, 'a dotted Java class-name prefix such as com.example.sdk.')).default([]),
  iosFrameworks: z.array(z.string().min(1)).default([]),
  entitlements: z.array(z.string().min(1)).default([]),
  dexStrings: z.array(z.string().min(1)).default([]).describe('Constant strings in a DEX string table that survive class renaming (AIDL descriptors)'),
  codeSource: z.string().min(1),
  verified: z.boolean(),
});
export type SdkSignature = z.infer<typeof SignatureSchema>;

const SignaturesFileSchema = z.strictObject({ signatures: z.array(SignatureSchema) });

export function loadSignatures(file: string = signaturesFile): SdkSignature[] {
  return loadYamlFile(file, SignaturesFileSchema).signatures;
}

/** How many of the sorted strings start with `prefix`. */
export function countWithPrefix(sorted: readonly string[], prefix: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  let count = 0;
  for (let at = low; at < sorted.length && sorted[at]!.startsWith(prefix); at += 1) count += 1;
  return count;
}

/**
 * Adds up what matches, one DEX file (or framework list) at a time, so a big game's classes are
 * never all held at once. Class prefixes are matched against DEX descriptors (`Lcom/x/`).
 */
export class SignatureTally {
  private readonly classMatches = new Map<SdkSignature, Map<string, number>>();
  private readonly otherMatches = new Map<SdkSignature, string[]>();
  private readonly descriptorPrefixes: { signature: SdkSignature; prefix: string; descriptor: string }[];

  constructor(private readonly signatures: readonly SdkSignature[]) {
    this.descriptorPrefixes = signatures.flatMap((signature) => signature.classPrefixes.map((prefix) => ({ signature, prefix, descriptor: descriptorPrefix(prefix) })));
  }

  /** One DEX file's class descriptors, sorted by code unit. */
  addSortedDescriptors(sortedDescriptors: readonly string[]): void {
    for (const { signature, prefix, descriptor } of this.descriptorPrefixes) {
      const count = countWithPrefix(sortedDescriptors, descriptor);
      if (count === 0) continue;
      const counts = this.classMatches.get(signature) ?? new Map<string, number>();
      counts.set(prefix, (counts.get(prefix) ?? 0) + count);
      this.classMatches.set(signature, counts);
    }
  }

  /** Every DEX string any signature looks for (dexStringsPresent answers for one DEX file). */
  get wantedDexStrings(): string[] {
    return [...new Set(this.signatures.flatMap((signature) => signature.dexStrings))];
  }

  addDexStrings(present: readonly string[]): void {
    const presentSet = new Set(present);
    for (const signature of this.signatures) {
      const found = signature.dexStrings.filter((text) => presentSet.has(text)).map((text) => `string ${text}`);
      const already = this.otherMatches.get(signature) ?? [];
      const added = found.filter((entry) => !already.includes(entry));
      if (added.length > 0) this.otherMatches.set(signature, [...already, ...added]);
    }
  }

  addFrameworksAndEntitlements(frameworks: readonly string[], entitlements: readonly string[]): void {
    const frameworkSet = new Set(frameworks);
    const entitlementSet = new Set(entitlements);
    for (const signature of this.signatures) {
      const found = [
        ...signature.iosFrameworks.filter((framework) => frameworkSet.has(framework)).map((framework) => `${framework}.framework`),
        ...signature.entitlements.filter((entitlement) => entitlementSet.has(entitlement)),
      ];
      if (found.length > 0) this.otherMatches.set(signature, [...(this.otherMatches.get(signature) ?? []), ...found]);
    }
  }

  /** The SDKs found, in the signature file's order, each with the prefixes (in its own order) that matched. */
  result(): EmbeddedSdk[] {
    return this.signatures.flatMap((signature) => {
      const counts = this.classMatches.get(signature);
      const prefixes = signature.classPrefixes.filter((prefix) => counts?.has(prefix));
      const matchedBy = [...prefixes, ...(this.otherMatches.get(signature) ?? [])];
      if (matchedBy.length === 0) return [];
      const classCount = prefixes.reduce((sum, prefix) => sum + counts!.get(prefix)!, 0);
      return [{ company: signature.company, product: signature.product, purpose: signature.purpose, matchedBy, classCount }];
    });
  }
}
