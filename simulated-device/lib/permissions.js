// The game's runtime permissions on the simulated device: what the device file says it requested
// and was granted at install, changed only by a tap the device file marks as granting (an "Allow"
// button). `mobile: getPermissions` answers as UiAutomator2 does.
import { errors } from 'appium/driver.js';

export async function mobileGetPermissions(type = 'requested', appPackage) {
  if (appPackage && appPackage !== this.device.packageName) {
    throw new errors.InvalidArgumentError(`The simulated device has only ${this.device.packageName} installed, not ${appPackage}`);
  }
  const { requested } = this.device.permissions;
  switch (type) {
    case 'requested':
      return [...requested];
    case 'granted':
      return [...this.grantedPermissions];
    case 'denied':
      return requested.filter((name) => !this.grantedPermissions.has(name));
    default:
      throw new errors.InvalidArgumentError(`Permission type "${type}" is not one of requested, granted, denied`);
  }
}
