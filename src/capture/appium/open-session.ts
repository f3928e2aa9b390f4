// Opens a WebdriverIO session on an Appium server (local, Selenium Grid 4 hub or a cloud device
// farm) and turns the ways that fails into one sentence an operator can act on.
// Types only: webdriverio itself takes half a second to load, and only Appium captures need it,
// so it is loaded when a session is opened, not with every command.
import type {} from 'webdriverio';

export type AppiumSession = WebdriverIO.Browser;

/** Cloud farm URLs carry credentials (https://user:key@hub…); they never go into evidence or messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = 'redacted';
      parsed.password = '';
    }
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

export function connectionOptions(appiumUrl: string): { protocol: string; hostname: string; port: number; path: string; user?: string; key?: string } {
  const url = new URL(appiumUrl);
  const protocol = url.protocol.replace(':', '');
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  return {
    protocol,
    hostname: url.hostname,
    port,
    path: url.pathname === '' ? '/' : url.pathname,
    // BrowserStack and Sauce Labs take their credentials as user/key.
    ...(url.username ? { user: decodeURIComponent(url.username), key: decodeURIComponent(url.password) } : {}),
  };
}

// UND_ERR_SOCKET: undici (WebdriverIO's HTTP client) when the server closes a connection mid-request.
const connectionLost = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|UND_ERR_SOCKET|fetch failed|Unable to connect|socket hang up/i;

/** A session that loses its Appium server mid-capture says so in words, not as a WebDriver error. */
export function explainAppiumFault(error: unknown): Error {
  const message = (error as Error).message?.split('\n')[0] ?? String(error);
  if (!connectionLost.test(message)) return error instanceof Error ? error : new Error(message);
  return new Error(`the Appium server stopped answering during the capture (${message}); check that it is still running and the device is connected`);
}

export async function openAppiumSession(appiumUrl: string, capabilities: Record<string, unknown>, openTimeoutSeconds = 120): Promise<AppiumSession> {
  const { remote } = await import('webdriverio');
  try {
    return await remote({
      ...connectionOptions(appiumUrl),
      capabilities: capabilities as WebdriverIO.Capabilities,
      logLevel: 'silent',
      connectionRetryCount: 0,
      connectionRetryTimeout: openTimeoutSeconds * 1000,
    });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    const unreachable = connectionLost.test(message);
    throw new Error(
      unreachable
        ? `Appium is not reachable at ${redactUrl(appiumUrl)} (${message}); start it (npx appium --allow-insecure uiautomator2:adb_shell) or fix the device's appiumUrl`
        : `Appium at ${redactUrl(appiumUrl)} refused the session: ${message}`,
    );
  }
}
