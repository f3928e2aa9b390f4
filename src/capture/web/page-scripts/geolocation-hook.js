// Runs in every frame before the game's own scripts (Playwright init script). Wraps the
// geolocation and permissions APIs so every use is reported to the capture through the
// __gameauditGeolocation binding, with the game's own explanation if one was on screen.
// Plain JavaScript on purpose: it is injected as text, never transpiled.
(() => {
  if (window.__gameauditGeolocationHooked) return;
  Object.defineProperty(window, '__gameauditGeolocationHooked', { value: true });

  const dialogSelector = '[role=dialog],[role=alertdialog],dialog[open],[aria-modal=true]';
  const locationWords = /locat|where you are|nearby|near you|your town|your area|map|weather|gps/i;
  let lastClickedDialog = null;

  document.addEventListener(
    'click',
    (event) => {
      const dialog = event.target instanceof Element ? event.target.closest(dialogSelector) : null;
      if (dialog) lastClickedDialog = { text: (dialog.innerText || '').trim().slice(0, 2000), at: Date.now() };
    },
    true,
  );

  // The explanation a child saw just before the request: a dialog about location whose button
  // they pressed within the last half minute. A dialog merely on screen when the page asks at
  // load time does not count: nobody had read it yet.
  const explanation = () => {
    if (!lastClickedDialog || Date.now() - lastClickedDialog.at > 30000) return undefined;
    return locationWords.test(lastClickedDialog.text) ? lastClickedDialog.text : undefined;
  };

  const report = (payload) => {
    // The capture's own end-of-run permission check sets this; it is not the game's use.
    if (window.__gameauditSilence) return;
    try {
      const binding = window.__gameauditGeolocation;
      if (typeof binding === 'function') binding(payload).catch(() => undefined);
    } catch {
      // The capture must never break the game.
    }
  };

  let counter = 0;
  const geolocation = navigator.geolocation;
  if (geolocation) {
    for (const api of ['getCurrentPosition', 'watchPosition']) {
      const original = geolocation[api];
      if (typeof original !== 'function') continue;
      geolocation[api] = function (success, failure, options) {
        counter += 1;
        const callId = `${Date.now().toString(36)}-${counter}`;
        report({ kind: 'call', callId, api, detail: options ? JSON.stringify(options) : undefined, explanation: explanation() });
        const onSuccess = function (...args) {
          report({ kind: 'outcome', callId, outcome: 'granted' });
          if (typeof success === 'function') return success.apply(this, args);
          return undefined;
        };
        const onFailure = function (...args) {
          const code = args[0] && args[0].code;
          report({ kind: 'outcome', callId, outcome: code === 1 ? 'denied' : 'error' });
          if (typeof failure === 'function') return failure.apply(this, args);
          return undefined;
        };
        return original.call(geolocation, onSuccess, onFailure, options);
      };
    }
  }

  const permissions = navigator.permissions;
  if (permissions && typeof permissions.query === 'function') {
    const originalQuery = permissions.query;
    permissions.query = function (descriptor) {
      if (descriptor && descriptor.name === 'geolocation') {
        report({ kind: 'call', callId: `q-${Date.now().toString(36)}`, api: 'permissions.query', detail: 'geolocation' });
      }
      return originalQuery.call(permissions, descriptor);
    };
  }
})();
