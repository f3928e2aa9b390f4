// The game's lifecycle on the simulated device, as UiAutomator2 drives a real one: `mobile:
// clearApp` (what `adb shell pm clear <package>` does: the app's data wiped, the app stopped, its
// runtime permissions back to those of a fresh install) and `mobile: activateApp` (the app started,
// or brought to the front when running). The session starts with the game on its start screen, so
// activating a running game changes nothing; activating it after a clear starts it afresh.
import { errors } from 'appium/driver.js';

function requireInstalled(driver, appId, command) {
  if (typeof appId !== 'string' || appId === '') throw new errors.InvalidArgumentError(`${command} needs an "appId" (the package name)`);
  // A real device fails the same way: pm clear / am start of a package that is not installed.
  if (appId !== driver.device.packageName) throw new errors.UnknownError(`${command}: ${appId} is not installed on the simulated device (only ${driver.device.packageName} is)`);
}

export async function mobileClearApp(appId) {
  requireInstalled(this, appId, 'mobile: clearApp');
  this.grantedPermissions = new Set(this.device.permissions.granted);
  this.appRunning = false;
  this.elements.clear();
  this.record('app', `pm clear ${appId}: the app's data was wiped and the app stopped; runtime permissions are those of a fresh install`);
}

export async function activateApp(appId) {
  requireInstalled(this, appId, 'mobile: activateApp');
  if (this.appRunning) {
    this.record('app', `${appId} activated: it was already running, so it stays on "${this.currentScreenId}"`);
    return;
  }
  this.appRunning = true;
  this.showScreen(this.device.start, `${appId} activated after being stopped`);
}
