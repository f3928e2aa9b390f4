// A consent dialog the consent phase could not close covers the game: its purpose switches are
// consent choices, not settings, and the way to the settings is behind it. Web and device
// captures record this the same way: no settings read, the settings evidence marked incomplete.
import type { CaptureRecorder } from './recorder.ts';

export async function recordSettingsBehindOpenDialog(recorder: CaptureRecorder): Promise<void> {
  const screenshot = await recorder.snapshot('Consent dialog still open: settings not reachable');
  recorder.markIncomplete('A consent dialog was still on screen in the settings phase; the game\'s settings could not be reached, and the dialog\'s switches were not read as settings.', ['settings']);
  recorder.draft.settings = {
    source: recorder.plan.settings ? 'recipe' : 'discovery',
    readable: false,
    note: 'A consent dialog was still open, so the game\'s settings could not be reached; its consent switches are not settings and were not read as such.',
    screenshot,
    controls: [],
    parentalControls: [],
    privacyLinks: [],
  };
}
