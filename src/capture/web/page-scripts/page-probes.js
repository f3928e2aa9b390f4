// DOM readers the web driver calls through page.evaluate: what a dialog says and offers, where
// its buttons are, what a settings control shows. Installed as window.__gameauditProbe by an
// init script. Plain JavaScript on purpose: it is injected as text, never transpiled.
(() => {
  if (window.__gameauditProbe) return;

  const isVisible = (element) => {
    if (!element || !element.isConnected || element.closest('[hidden]')) return false;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
  };
  const bounds = (element) => {
    const box = element.getBoundingClientRect();
    return { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
  };
  const clean = (text) => (text || '').replace(/\s+/g, ' ').trim();
  let refCounter = 0;
  // A stable handle the driver can click later, whatever the element's markup.
  const ref = (element) => {
    if (!element.dataset.gameauditRef) {
      refCounter += 1;
      element.dataset.gameauditRef = String(refCounter);
    }
    return `[data-gameaudit-ref="${element.dataset.gameauditRef}"]`;
  };
  const describeLocator = (element) => (element.id ? `#${element.id}` : `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`);

  const labelOf = (element) => {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) {
      const text = labelledBy.split(/\s+/).map((id) => clean(document.getElementById(id)?.innerText)).join(' ').trim();
      if (text) return text;
    }
    const ariaLabel = element.getAttribute('aria-label');
    if (ariaLabel) return clean(ariaLabel);
    if (element.labels && element.labels.length) return clean(Array.from(element.labels).map((label) => label.innerText).join(' '));
    const container = element.closest('label, .setting, li, tr, [role=listitem]');
    return clean(container ? container.innerText : element.getAttribute('name') || '');
  };

  const clickables = 'button, a[href], [role=button], [role=link], input[type=button], input[type=submit]';

  const probe = {
    isVisible: (selector) => Array.from(document.querySelectorAll(selector)).some(isVisible),

    /** Everything a consent dialog shows: text, buttons with their boxes, checkboxes, privacy links. */
    inventory: (selector) => {
      const root = document.querySelector(selector);
      if (!root) return null;
      const buttons = Array.from(root.querySelectorAll(clickables)).map((element) => ({
        text: clean(element.innerText || element.value || element.getAttribute('aria-label')),
        bounds: bounds(element),
        visible: isVisible(element),
        tag: element.tagName.toLowerCase(),
        href: element.getAttribute('href') || undefined,
        locator: describeLocator(element),
        ref: ref(element),
      }));
      const checkboxes = Array.from(root.querySelectorAll('input[type=checkbox], [role=switch], [role=checkbox]'))
        .filter(isVisible)
        // Bounds of the box with its label (what a reader looks for), in CSS pixels of the viewport.
        .map((element) => ({ label: labelOf(element), checked: element.checked === true || element.getAttribute('aria-checked') === 'true', bounds: bounds(element.closest('label') || element) }));
      const privacyLinks = Array.from(root.querySelectorAll('a[href]'))
        .filter((link) => /privacy|cookie|polic|data|terms/i.test(`${link.innerText} ${link.getAttribute('href')}`))
        .map((link) => ({ text: clean(link.innerText), href: link.href }));
      // The dialog's own box: the first visible descendant panel when the root is a full-screen backdrop.
      const panel = Array.from(root.querySelectorAll('*')).find((element) => isVisible(element) && element.children.length > 0 && bounds(element).height < bounds(root).height * 0.95) || root;
      return { text: clean(root.innerText).slice(0, 4000), bounds: bounds(panel), visible: isVisible(root), buttons, checkboxes, privacyLinks };
    },

    /** Dialog-like containers on screen now, for games the plan does not describe. */
    dialogCandidates: () => {
      const seen = new Set();
      const selectors = ['[role=dialog]', '[role=alertdialog]', 'dialog[open]', '[aria-modal=true]', '[id*=consent i]', '[class*=consent i]', '[id*=cookie i]', '[class*=cookie i]', '[id*=privacy i]', '[class*=cmp i]', '[id*=gdpr i]'];
      const found = [];
      for (const selector of selectors) {
        for (const element of document.querySelectorAll(selector)) {
          if (seen.has(element) || !isVisible(element)) continue;
          seen.add(element);
          found.push({ ref: ref(element), text: clean(element.innerText).slice(0, 600) });
        }
      }
      return found;
    },

    /** A visible age question, and the control to answer it. */
    ageGate: () => {
      const question = /how old are you|what('s| is) your age|enter your age|your birthday|date of birth|year (were you|you were) born|when were you born/i;
      const candidates = Array.from(document.querySelectorAll('h1,h2,h3,h4,p,label,legend,div,span')).filter(
        (element) => isVisible(element) && question.test(element.innerText || '') && (element.innerText || '').length < 400,
      );
      const heading = candidates.sort((a, b) => (a.innerText || '').length - (b.innerText || '').length)[0];
      if (!heading) return null;
      let container = heading;
      while (container.parentElement && !container.querySelector('input, select, button')) container = container.parentElement;
      const input = Array.from(container.querySelectorAll('input[type=number], input[type=date], input[type=text], input:not([type]), select')).find(isVisible);
      const buttons = Array.from(container.querySelectorAll(clickables)).filter(isVisible).map((element) => ({ text: clean(element.innerText || element.value), ref: ref(element) }));
      let inputKind = 'other';
      if (input) {
        if (input.type === 'date') inputKind = 'birthdate';
        else if (input.tagName === 'SELECT') inputKind = Array.from(input.options).some((option) => /^(19|20)\d\d$/.test(option.value)) ? 'year' : 'age';
        else inputKind = 'age';
      } else if (buttons.some((button) => /\d/.test(button.text))) {
        inputKind = 'age';
      } else if (buttons.length) {
        inputKind = 'self-declaration';
      }
      return {
        question: clean(heading.innerText),
        inputKind,
        input: input ? { ref: ref(input), tag: input.tagName.toLowerCase(), type: input.type, options: input.tagName === 'SELECT' ? Array.from(input.options).map((option) => option.value) : [] } : null,
        buttons,
      };
    },

    /** One settings control, read without touching it. */
    readControl: (selector, kind) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      let value;
      let options;
      if (kind === 'select') {
        options = Array.from(element.options || []).map((option) => clean(option.text));
        value = element.selectedIndex >= 0 ? clean(element.options[element.selectedIndex].text) : '';
      } else if (kind === 'radio') {
        const group = element.type === 'radio' ? Array.from(document.querySelectorAll(`input[type=radio][name="${element.name}"]`)) : Array.from(element.querySelectorAll('input[type=radio], [role=radio]'));
        options = group.map((radio) => labelOf(radio));
        const chosen = group.find((radio) => radio.checked || radio.getAttribute('aria-checked') === 'true');
        value = chosen ? labelOf(chosen) : '';
      } else if (kind === 'text') {
        value = clean(element.value !== undefined ? element.value : element.innerText);
      } else {
        value = element.checked === true || element.getAttribute('aria-checked') === 'true' || element.getAttribute('aria-pressed') === 'true';
      }
      const heading = (() => {
        let node = element;
        while (node) {
          let sibling = node.previousElementSibling;
          while (sibling) {
            if (/section-title|^H[1-6]$/i.test(sibling.className + ' ' + sibling.tagName) || /^H[1-6]$/.test(sibling.tagName)) return clean(sibling.textContent);
            sibling = sibling.previousElementSibling;
          }
          node = node.parentElement;
        }
        return undefined;
      })();
      return { label: labelOf(element), value, options, bounds: bounds(element), groupLabel: heading };
    },

    /** Visible form controls for settings discovery when the plan gives no recipe. */
    visibleControls: () =>
      Array.from(document.querySelectorAll('input[type=checkbox], [role=switch], select, input[type=radio]'))
        .filter(isVisible)
        .map((element) => ({
          ref: ref(element),
          kind: element.tagName === 'SELECT' ? 'select' : element.type === 'radio' ? 'radio' : element.getAttribute('role') === 'switch' ? 'switch' : 'checkbox',
          locator: describeLocator(element),
        })),

    /** Privacy links and parental controls on the screen now (settings). */
    settingsExtras: () => {
      const privacyLinks = Array.from(document.querySelectorAll('a[href]'))
        .filter((link) => isVisible(link) && /privacy|cookie|polic|your data/i.test(`${link.innerText} ${link.getAttribute('href')}`))
        .map((link) => ({ text: clean(link.innerText), href: link.href }));
      const monitoringSign = /you will see|we('ll| will) (show|tell) you|shows? (you )?when|sign|icon|lets you know/i;
      const parentalControls = Array.from(document.querySelectorAll('li, p, div, section, label'))
        .filter((element) => isVisible(element) && element.children.length < 4 && /parent(al)?\s*(control|zone|dashboard|lock|gate)|grown-?up can/i.test(element.innerText || ''))
        .filter((element, index, all) => !all.some((other) => other !== element && element.contains(other)))
        .map((element) => ({ label: clean(element.innerText).slice(0, 300), monitoringSignalled: monitoringSign.test(element.innerText || '') }));
      return { privacyLinks, parentalControls };
    },

    /** Something to tap in the game: the biggest visible canvas, or the main game element. */
    playArea: () => {
      const areas = Array.from(document.querySelectorAll('canvas, #game, [data-game], main')).filter(isVisible);
      areas.sort((a, b) => bounds(b).width * bounds(b).height - bounds(a).width * bounds(a).height);
      return areas[0] ? bounds(areas[0]) : null;
    },

    /** Is anything modal covering the game (a dialog the play phase should not tap through)? */
    blockingOverlay: () => Array.from(document.querySelectorAll('[role=dialog],[role=alertdialog],dialog[open],[aria-modal=true]')).some(isVisible),
  };

  Object.defineProperty(window, '__gameauditProbe', { value: probe });
})();
