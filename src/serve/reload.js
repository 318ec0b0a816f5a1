// aula serve's live reload: listens to the dev server and reloads the page after a
// rebuild, swaps stylesheets after a CSS-only change, and shows build errors over the page.
(() => {
  'use strict';
  let overlay = null;
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = '/__aula/reload.css';
  document.head.appendChild(style);

  function showErrors(text, count) {
    hideErrors();
    overlay = document.createElement('div');
    overlay.className = 'aula-errors';
    overlay.setAttribute('role', 'alert');
    const title = document.createElement('h2');
    title.textContent = `aula: ${count} error${count === 1 ? '' : 's'} — showing the last good version`;
    const pre = document.createElement('pre');
    pre.textContent = text;
    const help = document.createElement('p');
    help.textContent = 'Fix the file and save: this page reloads by itself.';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Hide';
    close.addEventListener('click', hideErrors);
    overlay.append(title, pre, help, close);
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
    else if (message.kind === 'errors') showErrors(message.text, message.count);
  });
})();
