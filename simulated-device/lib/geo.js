// The mock location: kept and logged, as a mock-location provider would hold it. The simulated
// game's own traffic and adb outputs are recorded and do not react to it.
import { errors } from 'appium/driver.js';

export async function setGeoLocation(location) {
  const latitude = Number(location?.latitude);
  const longitude = Number(location?.longitude);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) throw new errors.InvalidArgumentError('setGeoLocation needs a numeric latitude and longitude');
  const altitude = Number.isFinite(Number(location.altitude)) ? Number(location.altitude) : 0;
  this.location = { latitude, longitude, altitude };
  this.record('location', `mock location set to ${latitude},${longitude}`);
  return this.location;
}

export async function getGeoLocation() {
  if (!this.location) throw new errors.UnknownError('No mock location has been set on the simulated device');
  return this.location;
}
