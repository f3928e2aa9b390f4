// Star Catcher Friends — the "careful" demo game. It behaves as the Children's code asks: it asks
// the player's age first and adapts, sends nothing to any third party before a choice, offers an
// equal "No thanks", tags every ad request as child-directed / non-personalised, keeps every
// setting at its high-privacy value, and explains before it ever asks for location.
// This is a demo for gameaudit; every host below is answered by the offline demo proxy.
(function () {
  'use strict';

  var APP_BUNDLE = 'com.demogames.starcatcherfriends';
  var playerAge = null;

  function under13() {
    return playerAge === null || playerAge < 13;
  }

  // Only a player who said they are 18 or over is told apart from a child: ads are then not
  // child-directed (still non-personalised until they choose otherwise).
  function adult() {
    return playerAge !== null && playerAge >= 18;
  }

  // First-party analytics only: counts, no identifiers.
  function logEvent(name) {
    fetch('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ event: name, ageBand: under13() ? 'under-13' : '13-plus' }) });
  }

  // Contextual ads only, flagged as child-directed (under 13) or under the age of consent (13-17),
  // never personalised; an adult's are tagged as not child-directed.
  function showBanner() {
    var query = new URLSearchParams({ client: 'ca-app-pub-3940256099942544', slotname: '6300978111', format: '320x50_mb', output: 'html', msid: APP_BUNDLE, npa: '1', max_ad_content_rating: adult() ? 'T' : 'G' });
    if (adult()) query.set('tfcd', '0');
    else if (under13()) query.set('tfcd', '1');
    else query.set('tfua', '1');
    var frame = document.createElement('iframe');
    frame.className = 'ad-banner';
    frame.title = 'Advertisement';
    frame.src = 'https://googleads.g.doubleclick.net/pagead/ads?' + query.toString();
    document.getElementById('banner-slot').appendChild(frame);
    // text/plain, as Prebid does, so the browser sends the bid without a CORS preflight.
    fetch('https://ads.superawesome.tv/openrtb2/auction', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({
        id: 'req-' + Date.now(),
        at: 1,
        imp: [{ id: '1', banner: { w: 320, h: 50 } }],
        app: { bundle: APP_BUNDLE, name: 'Star Catcher Friends', cat: ['IAB9-30'] },
        device: { os: 'Android', lmt: 1, ifa: '00000000-0000-0000-0000-000000000000' },
        regs: { coppa: adult() ? 0 : 1, ext: { gdpr: 1 } },
      }),
    });
  }

  function afterChoice(choice) {
    localStorage.setItem('privacyChoice', choice);
    document.getElementById('consent').hidden = true;
    logEvent('choice_made');
    showBanner();
    game.start();
  }

  document.getElementById('age-continue').addEventListener('click', function () {
    var value = parseInt(document.getElementById('age-input').value, 10);
    if (!(value >= 3 && value <= 99)) return;
    playerAge = value;
    localStorage.setItem('ageBand', under13() ? 'under-13' : '13-plus');
    document.getElementById('age-gate').hidden = true;
    document.getElementById('consent-grown-up').hidden = !under13();
    document.getElementById('consent').hidden = false;
  });
  document.getElementById('consent-accept').addEventListener('click', function () { afterChoice(under13() ? 'contextual-only' : 'personalised'); });
  document.getElementById('consent-reject').addEventListener('click', function () { afterChoice('declined'); });

  // Location only after the player asks for the weather, and only after this explanation.
  document.getElementById('open-weather').addEventListener('click', function () { document.getElementById('location-explainer').hidden = false; });
  document.getElementById('location-not-now').addEventListener('click', function () { document.getElementById('location-explainer').hidden = true; });
  document.getElementById('location-yes').addEventListener('click', function () {
    document.getElementById('location-explainer').hidden = true;
    navigator.geolocation.getCurrentPosition(function () { logEvent('weather_shown'); }, function () { logEvent('weather_unavailable'); }, { enableHighAccuracy: false, maximumAge: 600000 });
  });

  document.getElementById('open-settings').addEventListener('click', function () { document.getElementById('settings').hidden = false; });
  document.getElementById('close-settings').addEventListener('click', function () { document.getElementById('settings').hidden = true; });

  var game = new window.StarCatcher(document.getElementById('game'), {});
  game.resize();
  game.draw();
})();
