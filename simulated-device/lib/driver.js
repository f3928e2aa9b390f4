// An Appium 3 driver for a simulated Android device: it plays a simulated game file
// (*.device.yaml, `appium:app`) through the real WebDriver protocol, so the capture's real
// WebdriverIO client and Appium server run unchanged. No phone, emulator or adb is involved.
// The driver keeps only the current screen, the screens visited, the granted permissions, whether
// the game runs, the mock location and a log; everything else is the loaded device file. Commands
// are grouped by area (screen.js, adb.js, permissions.js, geo.js, app.js).
import { BaseDriver, errors } from 'appium/driver.js';
import * as adb from './adb.js';
import * as app from './app.js';
import { DeviceFileError, loadDeviceFile } from './device-file.js';
import * as files from './files.js';
import * as geo from './geo.js';
import * as permissions from './permissions.js';
import * as screen from './screen.js';

/** The `mobile:` extensions this device answers, named and shaped as UiAutomator2's are. */
const executeMethodMap = {
  'mobile: shell': { command: 'mobileShell', params: { required: ['command'], optional: ['args', 'timeout', 'includeStderr'] } },
  'mobile: getPermissions': { command: 'mobileGetPermissions', params: { optional: ['type', 'appPackage'] } },
  'mobile: clearApp': { command: 'mobileClearApp', params: { required: ['appId'] } },
  'mobile: activateApp': { command: 'activateApp', params: { required: ['appId'] } },
};

export class SimulatedDeviceDriver extends BaseDriver {
  static executeMethodMap = executeMethodMap;

  desiredCapConstraints = {
    platformName: { presence: true, isString: true, inclusionCaseInsensitive: ['Android'] },
    app: { presence: true, isString: true },
  };

  locatorStrategies = ['xpath', 'id', 'accessibility id', 'class name'];

  supportedLogTypes = {
    'simulated-device': { description: 'Screens shown, taps, shell commands and the mock location, in order', getter: (driver) => driver.deviceLog.map((entry) => ({ ...entry })) },
  };

  /** The loaded device file. */
  device = undefined;
  currentScreenId = '';
  visitedScreens = new Set();
  grantedPermissions = new Set();
  /** False after `mobile: clearApp` stopped the game, until `mobile: activateApp` starts it again. */
  appRunning = true;
  /** Element id → { screenId, node }: an element is live only while its screen is shown. */
  elements = new Map();
  location = undefined;
  deviceLog = [];

  findElement = screen.findElement;
  findElements = screen.findElements;
  findElementFromElement = screen.findElementFromElement;
  findElementsFromElement = screen.findElementsFromElement;
  getPageSource = screen.getPageSource;
  getScreenshot = screen.getScreenshot;
  getWindowRect = screen.getWindowRect;
  getWindowSize = screen.getWindowSize;
  getAttribute = screen.getAttribute;
  getText = screen.getText;
  getName = screen.getName;
  elementDisplayed = screen.elementDisplayed;
  elementEnabled = screen.elementEnabled;
  elementSelected = screen.elementSelected;
  getElementRect = screen.getElementRect;
  click = screen.click;
  performActions = screen.performActions;
  releaseActions = screen.releaseActions;
  back = screen.back;
  mobileShell = adb.mobileShell;
  mobileGetPermissions = permissions.mobileGetPermissions;
  mobileClearApp = app.mobileClearApp;
  activateApp = app.activateApp;
  setGeoLocation = geo.setGeoLocation;
  getGeoLocation = geo.getGeoLocation;
  pullFile = files.pullFile;

  async createSession(w3cCapabilities1, w3cCapabilities2, w3cCapabilities3, driverData = []) {
    const [sessionId, caps] = await super.createSession(w3cCapabilities1, w3cCapabilities2, w3cCapabilities3, driverData);
    try {
      this.device = loadDeviceFile(caps.app);
    } catch (error) {
      await super.deleteSession(sessionId).catch(() => undefined);
      if (error instanceof DeviceFileError) throw new errors.SessionNotCreatedError(error.message);
      throw error;
    }
    this.grantedPermissions = new Set(this.device.permissions.granted);
    this.showScreen(this.device.start, 'app launched');
    // What a UiAutomator2 session reports about its device, so the capture can name it.
    const deviceCaps = { deviceModel: this.device.model, platformVersion: this.device.platformVersion, appPackage: this.device.packageName };
    Object.assign(this.caps, deviceCaps);
    return [sessionId, { ...caps, ...deviceCaps }];
  }

  async execute(script, args) {
    return await this.executeMethod(script, args);
  }

  /** Moves to a screen the device file names; the elements found on the previous one go stale. */
  showScreen(screenId, cause) {
    if (!this.device.screens.has(screenId)) throw new errors.UnknownError(`The device file has no screen "${screenId}"`);
    this.currentScreenId = screenId;
    this.visitedScreens.add(screenId);
    this.record('screen', `${cause}: now showing "${screenId}"`);
  }

  grantPermission(permission, cause) {
    this.grantedPermissions.add(permission);
    this.record('permission', `${permission} granted by ${cause}`);
  }

  record(kind, message) {
    this.deviceLog.push({ timestamp: Date.now(), level: 'INFO', kind, message });
    this.log.info(`[simulated device] ${message}`);
  }
}

export default SimulatedDeviceDriver;
