// The investigator's finger on the simulated device. A real phone is tapped by hand; the
// simulated device has no glass, so the test taps through the same Appium session the assisted
// capture opened (a second client on it, as Appium allows), found in the bundle's timeline.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export class SimulatedFinger {
  private constructor(
    private readonly appiumUrl: string,
    private readonly sessionId: string,
  ) {}

  /** The Appium session named by the bundle's `appium-session` event. */
  static of(bundleDir: string): SimulatedFinger {
    const events = readFileSync(path.join(bundleDir, 'events.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    const session = events.find((event) => event.type === 'appium-session');
    if (!session?.url || !session.sessionId) throw new Error(`${bundleDir} has no appium-session event yet`);
    return new SimulatedFinger(session.url.replace(/\/$/, ''), session.sessionId);
  }

  async tap(resourceId: string): Promise<void> {
    const found = await this.post('element', { using: 'xpath', value: `//*[@resource-id="${resourceId}"]` });
    const element = Object.values((found as { value: Record<string, string> }).value)[0];
    if (!element) throw new Error(`nothing on the simulated screen has resource-id ${resourceId}`);
    await this.post(`element/${element}/click`, {});
  }

  private async post(command: string, body: object): Promise<unknown> {
    const response = await fetch(`${this.appiumUrl}/session/${this.sessionId}/${command}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json()) as unknown;
    if (!response.ok) throw new Error(`Appium ${command}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }
}
