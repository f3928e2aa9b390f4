// The canvas game's first screen: "How old are you?", drawn like the rest (engine.js), with a drawn
// field the player taps and types into, and a "Continue" button. Nothing of it is in the DOM: the
// tool has to find the field from the pixels, type with the keyboard and read back what it typed.
// The answer goes to the game's server (/age?years=…), as an engine's age screen would send it.
// engine.js calls window.starEngineAgeQuestion(kit) once and draws the screen it returns.
window.starEngineAgeQuestion = (kit) => {
  let typed = '';
  let focused = false;

  function draw(width) {
    kit.context.fillStyle = '#101a33';
    kit.context.fillRect(0, 0, width, window.innerHeight);
    kit.roundedBox(24, 150, width - 48, 360, 18, '#ffffff');
    kit.text('How old are you?', 48, 200, 26, '#111111', 'bold');
    kit.text('We ask so the game suits you.', 48, 245, 17, '#333333');
    // The field: a light filled box; its words are the placeholder until the player types.
    kit.roundedBox(48, 285, width - 96, 56, 10, '#e6ebf3', focused ? '#1a56c4' : undefined);
    kit.text(typed || 'Type your age', 64, 313, 20, typed ? '#111111' : '#555555');
    kit.region(48, 285, width - 96, 56, () => { focused = true; kit.redraw(); });
    kit.button('Continue', 48, 380, width - 96, 60, '#1a56c4', '#ffffff', 22, confirm);
  }

  function confirm() {
    if (!typed) return;
    fetch(`/age?years=${encodeURIComponent(typed)}`, { method: 'POST' }).catch(() => undefined);
    kit.show('consent');
  }

  function key(event) {
    if (!focused) return;
    if (/^[0-9]$/.test(event.key) && typed.length < 3) typed += event.key;
    else if (event.key === 'Backspace') typed = typed.slice(0, -1);
    else if (event.key === 'Enter') return confirm();
    else return;
    kit.redraw();
  }

  return { draw, key };
};
