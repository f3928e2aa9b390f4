import { describe, expect, it } from 'vitest';
import { SecretMasker } from '../../src/evidence/secret-masker.ts';
import { resolveCredentials } from '../../src/plan/credentials.ts';
import { UserError } from '../../src/errors.ts';
import type { Plan } from '../../src/plan/schema.ts';

const plan = { credentials: { password: '${GAME_PASSWORD}', username: '${GAME_USER}' } } as unknown as Plan;

describe('credentials', () => {
  it('come from the environment variables the plan names', () => {
    const credentials = resolveCredentials(plan, 'audits/x.yaml', { GAME_PASSWORD: 'S3cret!pass word', GAME_USER: 'kid.tester' });
    expect(credentials.map(({ name, value }) => [name, value])).toEqual([
      ['password', 'S3cret!pass word'],
      ['username', 'kid.tester'],
    ]);
  });

  it('a variable that is not set is a clear error naming the plan, field and variable', () => {
    expect(() => resolveCredentials(plan, 'audits/x.yaml', { GAME_USER: 'kid' })).toThrow(UserError);
    expect(() => resolveCredentials(plan, 'audits/x.yaml', { GAME_USER: 'kid' })).toThrow(
      'audits/x.yaml: credentials.password refers to ${GAME_PASSWORD}, which is not set; export GAME_PASSWORD=… before the run',
    );
  });

  it('are masked in a HAR entry in every form a login sends them', () => {
    const masker = new SecretMasker(resolveCredentials(plan, 'p', { GAME_PASSWORD: 'S3cret!pass word', GAME_USER: 'kid.tester' }));
    const entry = {
      request: {
        url: `https://login.example/?user=kid.tester&pw=${encodeURIComponent('S3cret!pass word')}`,
        headers: [{ name: 'Authorization', value: `Basic ${Buffer.from('S3cret!pass word').toString('base64')}` }],
        postData: { text: JSON.stringify({ username: 'kid.tester', password: 'S3cret!pass word' }) },
      },
    };
    const masked = JSON.stringify(masker.maskValue(entry));
    expect(masked).not.toContain('S3cret');
    expect(masked).not.toContain('kid.tester');
    expect(masked).not.toContain(Buffer.from('S3cret!pass word').toString('base64'));
    expect(masked).toContain('[credential:password]');
    expect(masked).toContain('[credential:username]');
  });

  it('leaves everything alone when the plan has no credentials', () => {
    const masker = new SecretMasker([]);
    expect(masker.active).toBe(false);
    const value = { a: 'kid.tester' };
    expect(masker.maskValue(value)).toBe(value);
  });
});

describe('the bundle writer', () => {
  it('never writes a credential to disk: events, UI trees and the HAR are masked', async () => {
    const { mkdtempSync, readFileSync, readdirSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { BundleWriter } = await import('../../src/evidence/bundle-writer.ts');
    const directory = mkdtempSync(path.join(os.tmpdir(), 'gameaudit-mask-'));
    const masker = new SecretMasker(resolveCredentials(plan, 'p', { GAME_PASSWORD: 'S3cret!pass word', GAME_USER: 'kid.tester' }));
    const writer = new BundleWriter(directory, masker);
    writer.event('login-typed', 'launch', { text: 'typed kid.tester into the name box' });
    writer.file('screens/01-launch-login.xml', '<node text="S3cret!pass word"/>');
    writer.writeHar({ log: { version: '1.2', creator: { name: 'gameaudit', version: '0' }, entries: [] }, note: 'pw=S3cret!pass word' } as never);
    for (const file of ['events.ndjson', 'screens/01-launch-login.xml', 'network.har']) {
      const text = readFileSync(path.join(directory, file), 'utf8');
      expect(text, file).not.toMatch(/S3cret|kid\.tester/);
      expect(text, file).toContain('[credential:');
    }
    expect(readdirSync(directory).sort()).toEqual(['events.ndjson', 'network.har', 'screens']);
  });
});
