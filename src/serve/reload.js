// aula serve's live reload: listens to the dev server and reloads the page after a
// rebuild, swaps stylesheets after a CSS-only change, and shows build errors over the page.
(() => {
  'use strict';
  let overlay = null;

  // The overlay lives in a shadow root, so that no style of the course's theme (a `pre` with a
  // light background, a `button` that inherits its colour) can make it unreadable.
  function showErrors(text, count, built) {
    hideErrors();
    overlay = document.createElement('div');
    const root = overlay.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = '/__aula/reload.css';
    const box = document.createElement('div');
    box.className = 'box';
    box.setAttribute('role', 'alert');
    // Shown once styled: unstyled, it would flash as plain text in the page.
    box.hidden = true;
    style.addEventListener('load', () => { box.hidden = false; });
    style.addEventListener('error', () => { box.hidden = false; });
    const title = document.createElement('h2');
    const errors = `${count} error${count === 1 ? '' : 's'}`;
    title.textContent = built
      ? `aula: ${errors} — showing the last good version`
      : `aula: ${errors} — the course has not built yet`;
    const pre = document.createElement('pre');
    pre.textContent = text;
    const help = document.createElement('p');
    help.textContent = built
      ? 'Fix the file and save: this page reloads by itself.'
      : 'Fix the file and save: the course shows here as soon as it builds.';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Hide';
    close.addEventListener('click', hideErrors);
    box.append(title, pre, help, close);
    root.append(style, box);
    document.body.appendChild(overlay);
  }

  function hideErrors() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      if (url.origin !== location.origin || url.pathname.startsWith('/__aula/')) continue;
      url.searchParams.set('aula-reload', Date.now());
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener('load', () => link.remove());
      link.after(fresh);
    }
  }

  const events = new EventSource('/__aula/events');
  events.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.kind === 'reload') location.reload();
    else if (message.kind === 'css') { hideErrors(); swapStylesheets(); }
    else if (message.kind === 'errors') showErrors(message.text, message.count, message.built);
  });
})();
