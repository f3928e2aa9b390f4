// Standard 4: what the app package tells the platform and the player about tracking (the
// privacy manifests' tracking domains and data types, the SDKs' documented off switches)
// against what the game was seen sending. A declaration the traffic contradicts misinforms.
import type { PackageInspection } from '../src/inspect/package-inspection-schema.ts';
import {
  codeInventoryComplete,
  contradictedSwitches,
  correlateSdks,
  defineCheck,
  type EvidenceRef,
  type Finding,
  inconclusiveUnreadable,
  missingNetworkEvidence,
  plural,
  sdkStatusWords,
  undeclaredData,
  undeclaredTrackingHosts,
  unreadableTraffic,
} from '../src/check-kit/index.ts';

const harRefs = (indexes: readonly number[]): EvidenceRef[] => indexes.slice(0, 20).map((index) => ({ kind: 'har-entry', index }));

function packageName(inspection: PackageInspection): string {
  return inspection.android?.manifests[0]?.package ?? inspection.ios?.bundleId ?? inspection.files[0]!.path;
}

export default defineCheck({
  id: 'transparency.declared-vs-observed',
  standard: 4,
  title: 'What the app package declares matches what the game was seen doing',
  failureTitle: 'The game does what its app package declares it does not',
  requires: ['package', 'network'],
  rationale:
    "Standard 4 of the Children's code (Transparency) asks that the privacy information a service gives is accurate. An " +
    "app package carries declarations: on iOS its privacy manifests list the domains it contacts for tracking and the data " +
    'it collects; on Android, SDK switches in the manifest (Firebase Analytics collection, Meta\'s advertising-id ' +
    'collection) say what an SDK may do. We compare them with the captured traffic: a tracking domain contacted that no ' +
    'manifest declares, or data an SDK was told not to collect being sent, makes the declarations untrue. Each embedded ' +
    'SDK is also listed as seen active, or embedded but not seen (carrying an SDK is not proof it ran), and SDK traffic ' +
    'no embedded code accounts for is named as served from a server or through mediation.',
  evaluate({ evidence, network }) {
    if (evidence.platform === 'web') return { outcome: 'not-applicable', summary: 'A web game has no app package to compare with its traffic.', findings: [] };
    const inspection = evidence.packageInspection;
    if (!inspection) {
      return {
        outcome: 'inconclusive',
        summary: 'The app package was not inspected in this capture, so its declarations could not be compared with its traffic.',
        findings: [{ message: 'No package inventory in the evidence: capture from a device (the capture pulls the installed APKs) or name the package in the plan (platforms.android.apk or platforms.ios.ipa).', evidence: [], severity: 'info' }],
      };
    }
    const missing = missingNetworkEvidence(evidence, network);
    if (missing) return missing;
    const name = packageName(inspection);
    const findings: Finding[] = [];

    // Only iOS packages declare their tracking domains (privacy manifests); Android has no such file.
    const undeclaredHosts = inspection.platform === 'ios' ? undeclaredTrackingHosts(inspection, network.entries) : [];
    for (const host of undeclaredHosts) {
      findings.push({
        message: `${host.organization}'s tracking host ${host.host} was contacted in ${plural(host.entries.length, 'request')}, but no privacy manifest in ${name} lists it in NSPrivacyTrackingDomains.`,
        evidence: harRefs(host.entries),
        severity: 'fail',
        data: { kind: 'undeclared-tracking-domain', host: host.host, organization: host.organization, requests: host.entries.length },
      });
    }
    for (const contradiction of contradictedSwitches(inspection, network.entries)) {
      findings.push({
        message: `${name} declares ${contradiction.metaData} = false in its manifest, yet ${contradiction.what} (${plural(contradiction.entries.length, 'request')}).`,
        evidence: harRefs(contradiction.entries),
        severity: 'fail',
        data: { kind: 'contradicted-switch', metaData: contradiction.metaData, requests: contradiction.entries.length },
      });
    }
    if (inspection.platform === 'ios') {
      for (const data of undeclaredData(inspection, network.entries)) {
        findings.push({
          message: `${data.identifierKind} was sent to third parties in ${plural(data.entries.length, 'request')}, but no privacy manifest in ${name} declares ${data.dataTypes.join(' or ')}.`,
          evidence: harRefs(data.entries),
          severity: 'warn',
          data: { kind: 'undeclared-data', identifierKind: data.identifierKind, dataTypes: data.dataTypes.join(', '), requests: data.entries.length },
        });
      }
    }
    const inventoryComplete = codeInventoryComplete(inspection);
    for (const sdk of correlateSdks(inspection, network.entries)) {
      const status = sdk.status === 'seen-not-embedded' && !inventoryComplete ? 'seen; whether it is embedded is unknown (part of the package could not be read)' : sdkStatusWords[sdk.status];
      findings.push({
        message: `${sdk.company} ${sdk.product}: ${status}${sdk.entries.length > 0 ? ` (${plural(sdk.entries.length, 'request')})` : ''}.`,
        evidence: harRefs(sdk.entries),
        severity: 'info',
        data: { kind: 'sdk', company: sdk.company, product: sdk.product, status: sdk.status, requests: sdk.entries.length, matchedBy: sdk.matchedBy.join(', ') || null },
      });
    }
    for (const part of inspection.unreadable) {
      findings.push({ message: `${part.part} could not be read (${part.reason}); what it holds is unknown.`, evidence: [], severity: 'info', data: { kind: 'unreadable', part: part.part } });
    }

    const failures = findings.filter((finding) => finding.severity === 'fail').length;
    if (failures > 0) return { outcome: 'fail', summary: `${plural(failures, 'declaration')} of the app package ${failures === 1 ? 'is' : 'are'} contradicted by the game's traffic.`, findings };
    const warnings = findings.filter((finding) => finding.severity === 'warn').length;
    if (warnings > 0) return { outcome: 'warn', summary: `The game sent ${plural(warnings, 'kind')} of data its privacy manifests do not declare.`, findings };
    if (inspection.unreadable.length > 0) {
      return { outcome: 'inconclusive', summary: 'No declaration was contradicted in what could be read, but part of the package could not be read.', findings };
    }
    const thirdParty = network.entries.filter((entry) => entry.party === 'third' && !entry.deviceTraffic);
    const unreadable = unreadableTraffic(thirdParty);
    if (unreadable) return inconclusiveUnreadable('No declaration of the package was contradicted by the readable traffic', unreadable, findings);
    const compared = inspection.platform === 'ios' ? 'its privacy manifests’ tracking domains and data types' : 'the SDK switches its manifest declares';
    return { outcome: 'pass', summary: `The traffic contradicted none of ${compared}.`, findings };
  },
});
