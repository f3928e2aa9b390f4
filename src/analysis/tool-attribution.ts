// The company an importing tool itself named for a host: TrackerControl's Tracker column, the iOS
// App Privacy Report's domainOwner. It is the tool's word, not ours: where our catalogue (and
// Ghostery's) knows no company for the host, the tool's name is used, always labelled with where
// it came from; where both name one and they differ, both are kept and the report shows it.
import type { HarEntry } from '../evidence/har.ts';
import type { TrackerAttribution } from './types.ts';

export interface ToolNamedCompany {
  /** The tool as the import names it: "TrackerControl", "iOS App Privacy Report". */
  tool: string;
  /** The company, as the tool spelt it. */
  organization: string;
}

export function toolNamedCompany(entry: HarEntry): ToolNamedCompany | undefined {
  const contact = entry._domainContact;
  const organization = contact?.toolCompany?.trim();
  return contact && organization ? { tool: contact.tool, organization } : undefined;
}

/** Who named it, for a sentence: "TrackerControl's export", "the iOS App Privacy Report". */
export function namedByWords(tool: string): string {
  return tool === 'TrackerControl' ? "TrackerControl's export" : `the ${tool}`;
}

/** The name a tool-named company is listed under, so it is never mistaken for (or merged with) one our catalogue names. */
export function toolCompanyLabel(named: ToolNamedCompany): string {
  return `${named.organization} (named by ${namedByWords(named.tool)})`;
}

// Legal-form words that make "Google LLC" and "Google" different strings but not different companies.
const legalForms = new Set(['inc', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'gmbh', 'plc', 'sa', 'ag', 'bv', 'labs', 'technologies', 'technology']);

function normalised(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((word) => word !== '' && !legalForms.has(word))
    .join(' ');
}

/** Whether the tool's name is the company (or the product) our attribution names, spelling and legal form aside. */
export function sameCompany(toolName: string, attribution: Pick<TrackerAttribution, 'organization' | 'product'>): boolean {
  const tool = normalised(toolName);
  if (tool === '') return true;
  return [attribution.organization, attribution.product ?? ''].map(normalised).some((ours) => ours !== '' && (ours === tool || ours.split(' ').includes(tool) || tool.split(' ').includes(ours)));
}
