// gameaudit keys create | show: the operator's Ed25519 signing key. Once a key exists (in the
// config folder, or named by GAMEAUDIT_SIGNING_KEY), every manifest and result seal is signed.
import type { Command } from 'commander';
import { operatorName } from '../evidence/operator.ts';
import { UserError } from '../errors.ts';
import { signingKeyPath } from '../signing/configured-signer.ts';
import { createSigningKey, defaultKeyPath, loadSigningKey, publicKeyPathFor, type Signer } from '../signing/signing-key.ts';

function describeKey(keyPath: string, signer: Signer): string {
  return [
    `Signer:      ${signer.name}`,
    `Private key: ${keyPath} (mode 0600; keep it to yourself)`,
    `Public key:  ${publicKeyPathFor(keyPath)}`,
    `Fingerprint: ${signer.fingerprint}`,
    '  (sha256 of the public key; give it to whoever checks your evidence, by a channel other than the pack)',
    '',
  ].join('\n');
}

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description("The operator's signing key (Ed25519): bundles and results are signed with it once it exists");
  keys
    .command('create')
    .description(`Make a signing key (default ${defaultKeyPath()}); never overwrites one`)
    .option('--out <file>', 'where the private key goes (outside any git repository); the public key is written beside it as <name>.pub.pem')
    .option('--name <name>', 'whose key this is, named by `verify` (default: GAMEAUDIT_OPERATOR or the OS user)')
    .addHelpText('after', '\nExamples:\n  gameaudit keys create --name "A. Investigator"\n  GAMEAUDIT_SIGNING_KEY=~/keys/ico.pem gameaudit keys create --out ~/keys/ico.pem')
    .action((options: { out?: string; name?: string }) => {
      const keyPath = options.out ?? defaultKeyPath();
      const name = options.name?.trim() || operatorName();
      const signer = createSigningKey(keyPath, name);
      const used = signingKeyPath();
      process.stdout.write(`Signing key created.\n${describeKey(keyPath, signer)}`);
      if (used !== keyPath) {
        process.stdout.write(
          used === undefined ? `Not used yet: set GAMEAUDIT_SIGNING_KEY=${keyPath} to sign with it.\n` : `Not used yet: GAMEAUDIT_SIGNING_KEY names ${used}; set it to ${keyPath} to sign with this one.\n`,
        );
      }
    });
  keys
    .command('show')
    .description('Say which key signs what this tool writes, and its fingerprint')
    .action(() => {
      const keyPath = signingKeyPath();
      if (!keyPath) throw new UserError(`no signing key is set: create one with \`gameaudit keys create\` (it goes to ${defaultKeyPath()}), or set GAMEAUDIT_SIGNING_KEY`);
      process.stdout.write(describeKey(keyPath, loadSigningKey(keyPath, operatorName())));
    });
}
