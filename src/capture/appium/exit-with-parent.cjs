// Preloaded into the local Appium server (node --require), which runs in its own process group so
// that a terminal's Ctrl-C reaches gameaudit alone and gameaudit decides when Appium stops. Detached,
// Appium would outlive a gameaudit that was killed; so its stdin is a pipe from gameaudit, and when
// that pipe closes (gameaudit is gone, however it ended) Appium is asked to stop as SIGTERM asks.
'use strict';
process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
// The pipe alone must not keep Appium running once it wants to exit.
process.stdin.unref();
