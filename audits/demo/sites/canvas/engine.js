// The demo's canvas game: its age question (age-question.js), consent dialog, game screen and
// settings are pixels only, like a Unity or Godot WebGL build. It nudges (a big bright "Accept all" over a small grey "No thanks")
// and its settings default to personalised ads ON and location sharing OFF, so a reading from
// pixels has something right and something wrong to find.
(() => {
  const canvas = document.getElementById('engine');
  const context = canvas.getContext('2d');
  const state = { screen: 'age', personalisedAds: true, shareLocation: false, consent: null };
  let hitRegions = [];

  function resize() {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(window.innerWidth * ratio);
    canvas.height = Math.round(window.innerHeight * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    draw();
  }

  function text(words, x, y, size, colour, weight = 'normal', align = 'left') {
    context.font = `${weight} ${size}px "DejaVu Sans", Arial, sans-serif`;
    context.fillStyle = colour;
    context.textAlign = align;
    context.textBaseline = 'middle';
    context.fillText(words, x, y);
  }

  function roundedBox(x, y, width, height, radius, fill, stroke) {
    context.beginPath();
    context.roundRect(x, y, width, height, radius);
    if (fill) { context.fillStyle = fill; context.fill(); }
    if (stroke) { context.strokeStyle = stroke; context.lineWidth = 2; context.stroke(); }
  }

  function button(words, x, y, width, height, fill, colour, size, onTap) {
    roundedBox(x, y, width, height, 12, fill);
    text(words, x + width / 2, y + height / 2, size, colour, 'bold', 'center');
    hitRegions.push({ x, y, width, height, onTap });
  }

  function toggle(x, y, on, onTap) {
    roundedBox(x, y, 56, 30, 15, on ? '#2e9e44' : '#9aa3ad');
    context.beginPath();
    context.arc(on ? x + 41 : x + 15, y + 15, 11, 0, Math.PI * 2);
    context.fillStyle = '#ffffff';
    context.fill();
    hitRegions.push({ x, y, width: 56, height: 30, onTap });
  }

  function drawGame(width) {
    context.fillStyle = '#101a33';
    context.fillRect(0, 0, width, window.innerHeight);
    text('Star Engine Quest', 20, 40, 22, '#ffffff', 'bold');
    // A gear, drawn: the settings entry a child taps.
    context.strokeStyle = '#ffffff';
    context.lineWidth = 4;
    context.beginPath();
    context.arc(width - 40, 40, 10, 0, Math.PI * 2);
    context.stroke();
    for (let tooth = 0; tooth < 8; tooth++) {
      const angle = (tooth * Math.PI) / 4;
      context.beginPath();
      context.moveTo(width - 40 + Math.cos(angle) * 12, 40 + Math.sin(angle) * 12);
      context.lineTo(width - 40 + Math.cos(angle) * 18, 40 + Math.sin(angle) * 18);
      context.stroke();
    }
    hitRegions.push({ x: width - 62, y: 18, width: 44, height: 44, onTap: () => show('settings') });
    button('Settings', width - 150, 80, 130, 44, '#33415c', '#ffffff', 18, () => show('settings'));
    for (let star = 0; star < 12; star++) {
      text('★', 30 + ((star * 97) % (width - 60)), 200 + ((star * 173) % 400), 28, '#ffd84d');
    }
  }

  function drawConsent(width) {
    drawGame(width);
    hitRegions = [];
    context.fillStyle = 'rgba(0, 0, 0, 0.6)';
    context.fillRect(0, 0, width, window.innerHeight);
    const left = 24;
    const panelWidth = width - 48;
    roundedBox(left, 150, panelWidth, 400, 18, '#ffffff');
    text('Your privacy', left + 24, 195, 26, '#111111', 'bold');
    text('We and our partners use your', left + 24, 245, 17, '#333333');
    text('data to show personalised ads.', left + 24, 270, 17, '#333333');
    button('Accept all', left + 24, 320, panelWidth - 48, 64, '#ff7a00', '#ffffff', 24, () => answer('accepted'));
    // The nudge: the refusal is small grey words with no shape around them.
    text('No thanks', left + panelWidth / 2, 430, 13, '#8a8a8a', 'normal', 'center');
    hitRegions.push({ x: left + panelWidth / 2 - 50, y: 415, width: 100, height: 30, onTap: () => answer('declined') });
    text('Privacy policy', left + panelWidth / 2, 500, 14, '#1a56c4', 'normal', 'center');
    // Drawn words have no href: the engine opens the policy in a new window, as Application.OpenURL does.
    hitRegions.push({ x: left + panelWidth / 2 - 60, y: 488, width: 120, height: 26, onTap: () => window.open('/privacy.html', '_blank') });
  }

  function drawSettings(width) {
    context.fillStyle = '#f4f6fa';
    context.fillRect(0, 0, width, window.innerHeight);
    text('Settings', 24, 50, 28, '#111111', 'bold');
    text('Personalised ads', 24, 130, 19, '#111111');
    toggle(width - 80, 115, state.personalisedAds, () => { state.personalisedAds = !state.personalisedAds; draw(); });
    text('Share my location', 24, 200, 19, '#111111');
    toggle(width - 80, 185, state.shareLocation, () => { state.shareLocation = !state.shareLocation; draw(); });
    button('Back to game', 24, 280, width - 48, 52, '#33415c', '#ffffff', 19, () => show('game'));
  }

  // The age question lives in age-question.js; it draws with the same helpers.
  const ageQuestion = window.starEngineAgeQuestion({
    context, text, roundedBox, button, show,
    region: (x, y, width, height, onTap) => hitRegions.push({ x, y, width, height, onTap }),
    redraw: () => draw(),
  });

  function draw() {
    hitRegions = [];
    const width = window.innerWidth;
    if (state.screen === 'age') ageQuestion.draw(width);
    else if (state.screen === 'consent') drawConsent(width);
    else if (state.screen === 'settings') drawSettings(width);
    else drawGame(width);
  }

  function show(screen) {
    state.screen = screen;
    draw();
  }

  function answer(choice) {
    state.consent = choice;
    // The answer goes to the game's own server, as an engine's consent module would send it.
    fetch(`/consent?choice=${choice}`, { method: 'POST' }).catch(() => undefined);
    show('game');
  }

  canvas.addEventListener('click', (event) => {
    const region = hitRegions.find((hit) => event.clientX >= hit.x && event.clientX <= hit.x + hit.width && event.clientY >= hit.y && event.clientY <= hit.y + hit.height);
    if (region) region.onTap();
  });
  window.addEventListener('keydown', (event) => { if (state.screen === 'age') ageQuestion.key(event); });
  window.addEventListener('resize', resize);
  resize();
})();
