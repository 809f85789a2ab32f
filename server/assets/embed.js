/*! Lipa embed: open a Lipa checkout as a modal or inline on your page.
 *  Lipa.open({ url, onComplete, onCancel, onClose, onEvent })  -> { close }
 *  Lipa.mount(elementOrSelector, { url, ...same })             -> { close }
 * Without onComplete / onCancel the buyer is sent to the session's success
 * or cancel URL. Only messages from the checkout's own frame and origin are
 * heard. No dependencies, no cookies. */
(function (w, d) {
  'use strict';
  if (w.Lipa) return;

  function el(tag, css, attrs) {
    var e = d.createElement(tag);
    if (css) e.style.cssText = css;
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  function checkout(opts, mountIn) {
    if (!opts || !opts.url) throw new Error('Lipa: `url` is required');
    var url = new URL(opts.url, d.baseURI);
    var origin = url.origin;
    var modal = !mountIn;
    var before = d.activeElement;
    var closed = false;
    var label = opts.title || 'Checkout';
    var frame = el('iframe', 'border:0;width:100%;height:560px;display:block;background:transparent', {
      src: url.href, title: label, allow: 'payment'
    });
    var root = frame, overflow, wide, fit;

    if (modal) {
      root = el('div', 'position:fixed;inset:0;z-index:2147483000;background:rgba(15,23,42,.55);' +
        'overflow-y:auto;-webkit-overflow-scrolling:touch', { 'data-lipa': 'overlay' });
      var box = el('div', 'position:relative;max-width:30rem;margin:0 auto;background:#f1f5f9;' +
        'min-height:100%;box-shadow:0 10px 40px rgba(0,0,0,.3)', {
        role: 'dialog', 'aria-modal': 'true', 'aria-label': label
      });
      var bar = el('div', 'display:flex;justify-content:flex-end;padding:.375rem .375rem 0', {});
      var x = el('button', 'width:2.5rem;height:2.5rem;border:0;border-radius:50%;background:#fff;' +
        'color:#0f172a;font:600 1.5rem/1 system-ui,sans-serif;cursor:pointer;' +
        'box-shadow:0 1px 3px rgba(0,0,0,.25)', {
        type: 'button', 'aria-label': opts.closeLabel || 'Close', 'data-lipa': 'close'
      });
      x.textContent = '\u00d7';
      x.onclick = function () { close(); };
      bar.appendChild(x);
      // Focus stays in the dialog: tabbing past either end comes back in.
      var head = el('span', '', { tabindex: '0' }), tail = el('span', '', { tabindex: '0' });
      head.onfocus = function () { frame.focus(); };
      tail.onfocus = function () { x.focus(); };
      box.appendChild(head); box.appendChild(bar); box.appendChild(frame); box.appendChild(tail);
      root.appendChild(box);
      root.addEventListener('click', function (e) { if (e.target === root) close(); });
      overflow = d.documentElement.style.overflow;
      d.documentElement.style.overflow = 'hidden';
      d.body.appendChild(root);
      // A phone gets the whole screen; a wider screen a card over the page.
      var wide = w.matchMedia('(min-width: 40rem)');
      fit = function () {
        var s = box.style;
        s.margin = wide.matches ? '2rem auto' : '0 auto';
        s.minHeight = wide.matches ? '0' : '100%';
        s.borderRadius = wide.matches ? '1rem' : '0';
        s.overflow = wide.matches ? 'hidden' : 'visible';
      };
      fit();
      if (wide.addEventListener) wide.addEventListener('change', fit);
      frame.focus();
    } else {
      mountIn.appendChild(frame);
    }

    function call(fn, m) { if (typeof fn === 'function') { try { fn(m); } catch (e) { setTimeout(function () { throw e; }); } } }

    function onMessage(e) {
      if (e.origin !== origin || e.source !== frame.contentWindow) return;
      var m = e.data;
      if (!m || m.source !== 'lipa' || typeof m.type !== 'string') return;
      if (m.type === 'ready') {
        e.source.postMessage({ source: 'lipa-embed', type: 'host' }, origin);
        if (modal) follow(m);
      }
      if (m.type === 'resize' && m.height > 0) frame.style.height = Math.ceil(m.height) + 'px';
      if (m.type === 'escape') { if (modal) close(); return; }
      call(opts.onEvent, m);
      if (m.type === 'completed') {
        if (opts.onComplete) { if (modal) close(); call(opts.onComplete, m); }
        else if (m.return_url) w.location.assign(m.return_url);
      } else if (m.type === 'cancelled') {
        if (opts.onCancel) { if (modal) close(); call(opts.onCancel, m); }
        else if (m.cancel_url) w.location.assign(m.cancel_url);
        else close();
      }
    }

    // The dialog takes the checkout's language and direction: in Arabic
    // its close button sits at the left, named in Arabic.
    function follow(m) {
      if (m.dir === 'rtl' || m.dir === 'ltr') box.dir = m.dir;
      if (typeof m.lang === 'string') box.lang = m.lang;
      if (!opts.closeLabel && typeof m.close_label === 'string' && m.close_label) {
        x.setAttribute('aria-label', m.close_label);
      }
    }

    function onKey(e) { if (modal && e.key === 'Escape') close(); }

    function close() {
      if (closed) return;
      closed = true;
      w.removeEventListener('message', onMessage);
      d.removeEventListener('keydown', onKey, true);
      if (root.parentNode) root.parentNode.removeChild(root);
      if (wide && wide.removeEventListener) wide.removeEventListener('change', fit);
      if (modal) {
        d.documentElement.style.overflow = overflow;
        if (before && before.focus) before.focus();
      }
      call(opts.onClose);
    }

    w.addEventListener('message', onMessage);
    d.addEventListener('keydown', onKey, true);
    return { close: close, frame: frame };
  }

  w.Lipa = {
    open: function (opts) { return checkout(opts); },
    mount: function (target, opts) {
      var t = typeof target === 'string' ? d.querySelector(target) : target;
      if (!t) throw new Error('Lipa.mount: no element ' + target);
      return checkout(opts, t);
    }
  };
})(window, document);
