// Two facts of a capture the first page states in words: who ran it (a computer account is not a
// person, so the report says when the name is one) and which version of the game was captured
// (read from the package when one was inspected; a web build's version is not read, and the page
// says so rather than "not recorded" alone).
import type { Result } from '../scoring/result-schema.ts';

export function operatorWords(bundle: Pick<Result['bundle'], 'operator' | 'operatorSource'>): string {
  if (bundle.operatorSource === 'computer account') return `${bundle.operator} (the computer account: GAMEAUDIT_OPERATOR was not set)`;
  if (bundle.operatorSource === 'GAMEAUDIT_OPERATOR') return bundle.operator;
  return `${bundle.operator} (whether this is a person's name or the computer account was not recorded)`;
}

export function gameVersionWords(result: Pick<Result, 'platform' | 'bundle' | 'observations'>): string {
  const inspection = result.observations?.packageInspection;
  const base = inspection?.android?.manifests[0];
  if (base && (base.versionName || base.versionCode !== undefined)) {
    return `${base.versionName ?? 'no version name'} (version code ${base.versionCode ?? 'not declared'}), read from the installed package`;
  }
  const ios = inspection?.ios;
  if (ios && (ios.shortVersion || ios.buildVersion)) return `${ios.shortVersion ?? 'no version'} (build ${ios.buildVersion ?? 'not declared'}), read from the app package`;
  if (inspection) return 'Not recorded: the inspected package declares no version that could be read';
  if (result.bundle.importedHar) return 'Not recorded: the imported file does not say which version of the game made the traffic';
  if (result.platform === 'web') return 'Not recorded: the capture does not read a web build’s version; it recorded the game’s address and the capture time instead';
  return 'Not recorded: no app package was inspected in this capture';
}
