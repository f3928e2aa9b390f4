// One persona's view of a plan: the same game, played as that persona. Its credentials and
// identifiers file replace the plan's (a child's test account is not the adult's), and the
// persona rides along so the capture answers every age question with its age and records it.
import path from 'node:path';
import { loadIdentifiers, type LoadedPlan } from './load.ts';
import type { Persona } from './schema.ts';

export function planForPersona(loadedPlan: LoadedPlan, persona: Persona): LoadedPlan {
  const { plan } = loadedPlan;
  const identifiersFile = persona.identifiers ?? plan.identifiers;
  return {
    ...loadedPlan,
    plan: { ...plan, credentials: persona.credentials ?? plan.credentials, identifiers: identifiersFile },
    identifiers: persona.identifiers ? loadIdentifiers(path.resolve(path.dirname(loadedPlan.file), persona.identifiers)) : loadedPlan.identifiers,
    persona: { id: persona.id, age: persona.age, digitalConsentAge: plan.digitalConsentAge },
  };
}

/** Where a persona's bundle goes under its game: the platform, then the persona (web-child-8). */
export function personaBundleName(platform: string, personaId: string): string {
  return `${platform}-${personaId}`;
}
