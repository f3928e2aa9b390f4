// The demo's canvas game: its age question (age-question.js), consent dialog, game screen and
// settings are pixels only, like a Unity or Godot WebGL build. It nudges (a big bright "Accept all"
// over a small grey "No thanks") and its settings default to personalised ads ON and location
// sharing OFF, game news ticked, scores shown to everyone and chat open to anyone, so a reading from
// pixels has something right and something wrong to find on every kind of control: switch, check
// box, radio pair, drop-down.
(() => {
  const canvas = document.getElementById('engine');
  const context = canvas.getContext('2d');
  const state = { screen: 'age', personalisedAds: true, shareLocation: false, gameNews: true, scoresShownTo: 'Everyone', chatWith: 'Anyone', consent: null };
  const chatChoices = ['Anyone', 'Friends only', 'Nobody'];
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

  // A check box as engines draw one: a small square left of its label, filled blue with a white
  // tick when ticked, an empty white square with a grey border when not.
  function checkbox(x, y, ticked, onTap) {
    roundedBox(x, y, 26, 26, 4, ticked ? '#2e6be6' : '#ffffff', ticked ? null : '#5a6478');
    if (ticked) {
      context.strokeStyle = '#ffffff';
      context.lineWidth = 4;
      context.beginPath();
      context.moveTo(x + 6, y + 13);
      context.lineTo(x + 11, y + 19);
      context.lineTo(x + 20, y + 7);
      context.stroke();
    }
    hitRegions.push({ x, y, width: 26, height: 26, onTap });
  }

  // A radio button: a ring left of its label, with a filled dot when chosen.
  function radio(x, y, chosen, onTap) {
    context.beginPath();
    context.arc(x + 13, y + 13, 12, 0, Math.PI * 2);
    context.fillStyle = '#ffffff';
    context.fill();
    context.strokeStyle = chosen ? '#2e6be6' : '#5a6478';
    context.lineWidth = 3;
    context.stroke();
    if (chosen) {
      context.beginPath();
      context.arc(x + 13, y + 13, 6, 0, Math.PI * 2);
      context.fillStyle = '#2e6be6';
      context.fill();
    }
    hitRegions.push({ x, y, width: 26, height: 26, onTap });
  }

  // A drop-down: a white box showing the chosen value, with a chevron at its right end.
  function dropdown(x, y, width, value, onTap) {
    roundedBox(x, y, width, 44, 8, '#ffffff', '#5a6478');
    text(value, x + 14, y + 22, 18, '#111111');
    context.strokeStyle = '#33415c';
    context.lineWidth = 3;
    context.beginPath();
    context.moveTo(x + width - 30, y + 18);
    context.lineTo(x + width - 22, y + 26);
    context.lineTo(x + width - 14, y + 18);
    context.stroke();
    hitRegions.push({ x, y, width, height: 44, onTap });
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
    checkbox(24, 257, state.gameNews, () => { state.gameNews = !state.gameNews; draw(); });
    text('Send me game news', 62, 270, 19, '#111111');
    text('Who sees my scores', 24, 330, 19, '#111111', 'bold');
    for (const [index, choice] of ['Everyone', 'Only me'].entries()) {
      radio(24, 362 + index * 50, state.scoresShownTo === choice, () => { state.scoresShownTo = choice; draw(); });
      text(choice, 62, 375 + index * 50, 19, '#111111');
    }
    text('Chat with', 24, 492, 19, '#111111');
    dropdown(width - 204, 470, 180, state.chatWith, () => { state.chatWith = chatChoices[(chatChoices.indexOf(state.chatWith) + 1) % chatChoices.length]; draw(); });
    button('Back to game', 24, 560, width - 48, 52, '#33415c', '#ffffff', 19, () => show('game'));
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
