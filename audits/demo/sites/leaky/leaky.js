// Star Catcher Party — the "leaky" demo game. It behaves like the worst of the mobile games the
// ICO reviewed: location at launch, ads and analytics before any choice, personalised ads for a
// child, a consent dialog that nudges towards "Accept all", and low-privacy default settings.
// This is a demo for gameaudit; every host below is answered by the offline demo proxy.
(function () {
  'use strict';

  // A browser has no advertising id. A mobile ads SDK reads the device's AAID/IDFA; as a stand-in
  // for that, the demo carries the test persona's id (audits/demo/identifiers/demo-persona.yaml).
  var DEVICE_ADVERTISING_ID = '3f2a9c4e-8b1d-4e6a-9f3c-2d7e5b8a1c60';
  // Stand-in for the device's last known location that SDKs read when the browser says no.
  var LAST_KNOWN_LOCATION = { latitude: 51.507351, longitude: -0.127758 };
  var APP_BUNDLE = 'com.demogames.starcatcherparty';

  function base64(text) {
    return btoa(text);
  }

  function sha256Hex(text) {
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(function (digest) {
      return Array.from(new Uint8Array(digest)).map(function (byte) { return byte.toString(16).padStart(2, '0'); }).join('');
    });
  }

  function pixel(url) {
    var image = new Image(1, 1);
    image.src = url;
  }

  // --- Analytics SDKs (Firebase / Amplitude / Unity style), started before anything is asked.
  function startAnalytics() {
    sha256Hex(DEVICE_ADVERTISING_ID).then(function (hashedId) {
      fetch('https://app-measurement.com/a', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ v: '2', app_id: APP_BUNDLE, app_instance_id: 'c5e7a1b2d3f40615', _ev: 'first_open', resettable_device_id_hash: hashedId, limited_ad_tracking: '0' }).toString(),
      });
    });
    fetch('https://api2.amplitude.com/2/httpapi', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        api_key: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
        events: [{ device_id: base64(DEVICE_ADVERTISING_ID), adid: DEVICE_ADVERTISING_ID, event_type: 'session_start', platform: 'Android', os_name: 'android', app_version: '3.2.1', time: Date.now() }],
      }),
    });
    pixel('https://auction.unityads.unity3d.com/v6/games/5012345/requests?gameId=5012345&platform=android&advertisingTrackingId=' + DEVICE_ADVERTISING_ID + '&limitAdTracking=false&coppa=false&nonBehavioral=false');
    pixel('https://ad.doubleclick.net/ddm/activity/src=8123456;type=launch;cat=first0;dc_rdid=' + DEVICE_ADVERTISING_ID + ';tag_for_child_directed_treatment=0;tfua=0;ord=' + Date.now());
  }

  // --- Ads: a Google banner with no child-directed tag and personalised ads on, and an OpenRTB bid.
  function showBanner() {
    var query = new URLSearchParams({
      client: 'ca-app-pub-3940256099942544',
      slotname: '6300978111',
      format: '320x50_mb',
      output: 'html',
      msid: APP_BUNDLE,
      rdid: DEVICE_ADVERTISING_ID,
      is_lat: '0',
      tfcd: '0',
      npa: '0',
      u_w: String(screen.width),
      u_h: String(screen.height),
    });
    var frame = document.createElement('iframe');
    frame.className = 'ad-banner';
    frame.title = 'Advertisement';
    frame.src = 'https://googleads.g.doubleclick.net/pagead/ads?' + query.toString();
    document.getElementById('banner-slot').appendChild(frame);
  }

  function requestBid(coordinates) {
    var bidRequest = {
      id: 'req-' + Date.now(),
      at: 1,
      tmax: 300,
      imp: [{ id: '1', banner: { w: 320, h: 50 }, bidfloor: 0.5, instl: 0 }],
      app: { bundle: APP_BUNDLE, name: 'Star Catcher Party', cat: ['IAB9-30'], publisher: { id: 'leaky-demo-games' } },
      device: {
        ifa: DEVICE_ADVERTISING_ID,
        lmt: 0,
        os: 'Android',
        ua: navigator.userAgent,
        language: navigator.language,
        geo: { lat: coordinates.latitude, lon: coordinates.longitude, type: 1, accuracy: 20, country: 'GBR' },
      },
      user: { id: 'u-' + DEVICE_ADVERTISING_ID.slice(0, 8) },
      regs: { coppa: 0, ext: { gdpr: 0 } },
    };
    // text/plain, as Prebid does, so the browser sends the bid without a CORS preflight.
    fetch('https://a.applovin.com/openrtb2/auction', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(bidRequest) });
  }

  // --- Location at launch, with no explanation; the bid goes out with whatever location we have.
  function askLocationThenBid() {
    var sent = false;
    function send(coordinates) {
      if (sent) return;
      sent = true;
      requestBid(coordinates);
    }
    if (navigator.geolocation) {
      navigator.geolocation.getCurrentPosition(
        function (position) { send({ latitude: position.coords.latitude, longitude: position.coords.longitude }); },
        function () { send(LAST_KNOWN_LOCATION); },
        { enableHighAccuracy: true, timeout: 5000 },
      );
    }
    setTimeout(function () { send(LAST_KNOWN_LOCATION); }, 800);
  }

  // --- Consent dialog: "Accept all" in one tap, rejecting takes two.
  function closeConsent(choice) {
    localStorage.setItem('consent', choice);
    document.getElementById('consent').hidden = true;
    game.start();
  }
  document.getElementById('consent-accept').addEventListener('click', function () { closeConsent('all'); });
  document.getElementById('consent-save').addEventListener('click', function () { closeConsent('custom'); });
  document.getElementById('consent-reject-all').addEventListener('click', function () { closeConsent('rejected'); });
  document.getElementById('consent-manage').addEventListener('click', function (event) {
    event.preventDefault();
    document.getElementById('consent-first').hidden = true;
    document.getElementById('consent-options').hidden = false;
  });

  // --- Settings and an interstitial every few rounds.
  document.getElementById('open-settings').addEventListener('click', function () { document.getElementById('settings').hidden = false; });
  document.getElementById('close-settings').addEventListener('click', function () { document.getElementById('settings').hidden = true; });
  document.getElementById('close-interstitial').addEventListener('click', function () { document.getElementById('interstitial').hidden = true; });
  function showInterstitial() {
    document.getElementById('interstitial-frame').src = 'https://googleads.g.doubleclick.net/pagead/ads?client=ca-app-pub-3940256099942544&format=interstitial_mb&output=html&tfcd=0&npa=0&rdid=' + DEVICE_ADVERTISING_ID;
    document.getElementById('interstitial').hidden = false;
  }

  var game = new window.StarCatcher(document.getElementById('game'), {
    onScore: function (score) {
      if (score % 5 === 0) fetch('https://api2.amplitude.com/2/httpapi', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ api_key: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', events: [{ device_id: base64(DEVICE_ADVERTISING_ID), event_type: 'star_caught', event_properties: { score: score } }] }) });
    },
    onRoundEnd: showInterstitial,
  });
  game.resize();
  game.draw();

  localStorage.setItem('player_id', 'pl_' + DEVICE_ADVERTISING_ID.replace(/-/g, '').slice(0, 16));
  localStorage.setItem('ad_id', DEVICE_ADVERTISING_ID);
  askLocationThenBid();
  startAnalytics();
  showBanner();
})();
