// Every check, listed by hand (design.md): adding a check is adding its file and one line here.
// The list is validated as it loads (each definition against the contract, ids unique), so a
// broken check stops the tool at start rather than producing a result.
import { assertValidCatalogue, type CheckDefinition } from '../src/check-kit/index.ts';
import ageAssuranceAgeCheck from './age-assurance.age-check.ts';
import ageAssuranceChildTreatedAsChild from './age-assurance.child-treated-as-child.ts';
import dataMinimisationDangerousPermissions from './data-minimisation.dangerous-permissions.ts';
import defaultSettingsHighPrivacy from './default-settings.high-privacy.ts';
import defaultSettingsTrackingBeforeChoice from './default-settings.tracking-before-choice.ts';
import geolocationLocationOffByDefault from './geolocation.location-off-by-default.ts';
import geolocationPermissionAtLaunch from './geolocation.permission-at-launch.ts';
import nudgeConsentChoiceParity from './nudge.consent-choice-parity.ts';
import parentalControlsMonitoringSign from './parental-controls.monitoring-sign.ts';
import profilingBehaviouralAdsSetting from './profiling.behavioural-ads-setting.ts';
import transparencyPrivacyInformation from './transparency.privacy-information.ts';
import transparencyDeclaredVsObserved from './transparency.declared-vs-observed.ts';
import dataMinimisationPersistentDeviceIds from './data-minimisation.persistent-device-ids.ts';
import dataSharingThirdPartyRecipients from './data-sharing.third-party-recipients.ts';
import dataSharingUncertifiedAdNetworks from './data-sharing.uncertified-ad-networks.ts';
import geolocationPreciseLocationShared from './geolocation.precise-location-shared.ts';
import profilingAdvertisingIdShared from './profiling.advertising-id-shared.ts';
import profilingPersonalisedAdsSignals from './profiling.personalised-ads-signals.ts';

export const allChecks: readonly CheckDefinition[] = [
  ageAssuranceAgeCheck,
  ageAssuranceChildTreatedAsChild,
  transparencyPrivacyInformation,
  transparencyDeclaredVsObserved,
  defaultSettingsHighPrivacy,
  defaultSettingsTrackingBeforeChoice,
  dataMinimisationDangerousPermissions,
  geolocationPermissionAtLaunch,
  geolocationLocationOffByDefault,
  parentalControlsMonitoringSign,
  profilingBehaviouralAdsSetting,
  nudgeConsentChoiceParity,
  dataMinimisationPersistentDeviceIds,
  dataSharingThirdPartyRecipients,
  dataSharingUncertifiedAdNetworks,
  geolocationPreciseLocationShared,
  profilingAdvertisingIdShared,
  profilingPersonalisedAdsSignals,
];

assertValidCatalogue(allChecks);
