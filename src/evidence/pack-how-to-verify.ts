// HOW-TO-VERIFY.txt: what a company, a court or a journalist does to check a pack with the
// standard tools alone (GNU sha256sum and OpenSSL 3), nothing of ours installed.

export interface PackedBundleNotes {
  folder: string;
  game: string;
  platform: string;
  /** Whose key signed manifest.json when the evidence was sealed; undefined when it was not signed. */
  manifestSigner?: string;
  resultSigner?: string;
}

export interface HowToVerifyDetails {
  toolVersion: string;
  createdAt: string;
  publish: boolean;
  packSigner?: { name: string; fingerprint: string };
  bundles: PackedBundleNotes[];
}

const verified = 'It must print "Signature Verified Successfully"; anything else means the file is not the one that was signed.';

export function howToVerifyText(details: HowToVerifyDetails): string {
  const lines = [
    'HOW TO VERIFY THIS EVIDENCE PACK',
    '',
    `Made by gameaudit ${details.toolVersion} at ${details.createdAt} (UTC).`,
    details.publish
      ? 'This is a publication pack: it holds only the published summary (no evidence, device or account details).'
      : 'It holds, for each audit, the evidence as captured, its manifest, the result and the report.',
    '',
    'You need two standard tools: sha256sum (GNU coreutils) and openssl (version 3 or later).',
    'Unpack the zip into an empty folder and run every command below in that folder.',
    '',
    'Step 1. Every file is the one that was packed:',
    '',
    '    sha256sum -c SHA256SUMS',
    '',
    '  Every line must end in "OK". A file that changed says "FAILED"; a missing one "No such file".',
    '  Files not listed in SHA256SUMS were added after packing and are not part of the pack.',
    '',
  ];
  if (details.packSigner) {
    lines.push(
      `Step 2. SHA256SUMS was signed by ${details.packSigner.name}:`,
      '',
      '    openssl pkeyutl -verify -pubin -inkey packer.pub.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig',
      '',
      `  ${verified}`,
      '',
      `Step 3. packer.pub.pem is ${details.packSigner.name}'s key. Its fingerprint`,
      '',
      '    openssl pkey -pubin -in packer.pub.pem -outform DER | sha256sum',
      '',
      `  must print ${details.packSigner.fingerprint}`,
      `  Confirm that fingerprint with ${details.packSigner.name} by another channel (telephone, letter, their`,
      '  website): anyone can make a key and sign a pack with it; only the fingerprint says whose it is.',
      '',
    );
  } else {
    lines.push(
      'Step 2. This pack is NOT signed (no signing key was set when it was made). Step 1 shows only that the',
      '  files agree with SHA256SUMS, which anyone could rewrite; ask for a signed pack to know who made it.',
      '',
    );
  }
  const signed = details.bundles.filter((bundle) => bundle.manifestSigner || bundle.resultSigner);
  if (!details.publish && details.bundles.length > 0) {
    lines.push(
      'Step 4. Each audit was sealed when it was captured. In its folder, manifest.json lists the sha256 of every',
      '  evidence file ("files"), and result.seal.json the sha256 of result.json ("resultSha256"). To check one:',
      '',
      '    sha256sum bundles/<folder>/network.har        # compare with the "sha256" beside "network.har" in manifest.json',
      '',
    );
    if (signed.length > 0) {
      lines.push('  The manifests and result seals were signed; check each signature:', '');
      for (const bundle of signed) {
        const folder = `bundles/${bundle.folder}`;
        if (bundle.manifestSigner) {
          lines.push(`    # ${bundle.game} (${bundle.platform}): evidence sealed by ${bundle.manifestSigner}`);
          lines.push(`    openssl pkeyutl -verify -pubin -inkey ${folder}/signer.pub.pem -rawin -in ${folder}/manifest.json -sigfile ${folder}/manifest.json.sig`);
        }
        if (bundle.resultSigner) {
          lines.push(`    # ${bundle.game} (${bundle.platform}): result scored by ${bundle.resultSigner}`);
          lines.push(`    openssl pkeyutl -verify -pubin -inkey ${folder}/result-signer.pub.pem -rawin -in ${folder}/result.seal.json -sigfile ${folder}/result.seal.json.sig`);
        }
      }
      lines.push('', `  ${verified}`, '  The keys\' fingerprints are checked as in step 3 (openssl pkey -pubin -in <key> -outform DER | sha256sum).', '');
    }
    const unsigned = details.bundles.filter((bundle) => !bundle.manifestSigner);
    if (unsigned.length > 0) lines.push(`  Not signed when captured: ${unsigned.map((bundle) => `${bundle.game} (${bundle.platform})`).join(', ')}.`, '');
    lines.push('  With gameaudit installed, `gameaudit verify bundles/<folder>` does all of step 4 at once.', '');
  }
  lines.push('What is in the pack:', '');
  if (details.publish) lines.push('  published/          the published summary (index.html, summary.json, summary.csv)');
  for (const bundle of details.bundles) lines.push(`  bundles/${bundle.folder}/   ${bundle.game} (${bundle.platform}): evidence, manifest, result, report`);
  lines.push('  SHA256SUMS          the sha256 of every other file', '');
  return `${lines.join('\n')}\n`;
}
