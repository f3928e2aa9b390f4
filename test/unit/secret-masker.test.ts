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

  // The spellings the reliability probe (2026-12, defect 4) found left unmasked in network.har,
  // result.json, report.html and screens/*.html, with GAME_PASSWORD=s3cr3t-Value-123.
  it('masks a password inside Basic auth, hex, unpadded and URL-safe base64, and URL-encoded base64', () => {
    const masker = new SecretMasker([{ name: 'password', variable: 'GAME_PASSWORD', value: 's3cr3t-Value-123' }]);
    const spellings = [
      'Authorization: Basic Ym9iOnMzY3IzdC1WYWx1ZS0xMjM=',
      '7333637233742d56616c75652d313233',
      '7333637233742D56616C75652D313233',
      'token=czNjcjN0LVZhbHVlLTEyMw&x=1',
      'u=czNjcjN0LVZhbHVlLTEyMw%3D%3D',
      'Bearer eyJ1c2VyIjoiYm9iIiwicGFzcyI6InMzY3IzdC1WYWx1ZS0xMjMifQ',
    ];
    expect(spellings.map((text) => masker.mask(text))).toEqual([
      'Authorization: Basic [credential:password]',
      '[credential:password]',
      '[credential:password]',
      'token=[credential:password]&x=1',
      'u=[credential:password]',
      'Bearer [credential:password]',
    ]);
  });

  it('masks a password with special characters form-encoded, HTML-escaped and as a JSON body inside the HAR', () => {
    const password = 'p@ss w+rd/é"\\<>';
    const masker = new SecretMasker([{ name: 'password', variable: 'GAME_PASSWORD', value: password }]);
    const entry = {
      request: {
        postData: { mimeType: 'application/x-www-form-urlencoded', text: `user=bob&pw=${new URLSearchParams({ p: password }).toString().slice(2)}` },
        url: `https://login.example/?pw=${encodeURIComponent(password).toLowerCase()}`,
      },
      response: { content: { text: JSON.stringify({ echo: { password } }) } },
      snapshot: `<input value="p@ss w+rd/é&quot;\\&lt;&gt;">`,
    };
    const written = masker.mask(JSON.stringify(entry));
    expect(written).toBe(
      JSON.stringify({
        request: { postData: { mimeType: 'application/x-www-form-urlencoded', text: 'user=bob&pw=[credential:password]' }, url: 'https://login.example/?pw=[credential:password]' },
        response: { content: { text: '{"echo":{"password":"[credential:password]"}}' } },
        snapshot: '<input value="[credential:password]">',
      }),
    );
  });

  it('does not look for a short credential inside decoded base64, where it would match by chance', () => {
    const masker = new SecretMasker([{ name: 'username', variable: 'GAME_USER', value: 'bob' }]);
    // "Ym9i" is base64 of "bob": a literal form, masked; the longer run only decodes to contain it.
    expect(masker.mask('Ym9i Ym9iOnMzY3IzdC1WYWx1ZS0xMjM=')).toBe('[credential:username] [credential:username]OnMzY3IzdC1WYWx1ZS0xMjM=');
    expect(masker.mask('eGJvYnh4eHh4')).toBe('eGJvYnh4eHh4');
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
