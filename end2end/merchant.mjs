// A stand-in merchant on its own origin: the success and cancel pages a
// buyer is sent back to. The success page asks Lipa's API for the session's
// status (a redirect alone is never proof of payment) and shows it.
import http from 'node:http';

const port = Number(process.env.MERCHANT_PORT ?? 4100);
const lipa = process.env.LIPA_URL ?? 'http://localhost:3100';
const key = process.env.LIPA_API_KEY;

const page = (title, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><h1>${title}</h1>${body}</body></html>`;
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

http
  .createServer(async (req, res) => {
    const url = new URL(req.url, `http://localhost:${port}`);
    if (url.pathname === '/healthz') return res.end('ok');
    if (url.pathname === '/success') {
      const id = url.searchParams.get('session_id') ?? '';
      let status = 'unknown';
      try {
        const r = await fetch(`${lipa}/v1/checkout/sessions/${encodeURIComponent(id)}`, {
          headers: { Authorization: `Bearer ${key}` },
        });
        const s = await r.json();
        status = `${s.status}/${s.payment_status}`;
      } catch (e) {
        status = `error: ${e}`;
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return res.end(
        page('Thank you for your order',
          `<p>Session <code data-testid="session">${escape(id)}</code></p>` +
          `<p>Verified status: <strong data-testid="status">${escape(status)}</strong></p>`),
      );
    }
    // Pages that frame a checkout from this origin: a plain iframe, one
    // through the embed script, and one that forges checkout messages.
    if (url.pathname === '/plain' || url.pathname === '/frame') {
      const target = url.searchParams.get('url') ?? '';
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return res.end(url.pathname === '/plain'
        ? `<!doctype html><title>Plain frame</title><iframe src="${escape(target)}" style="width:100%;height:1200px;border:0"></iframe>`
        : `<!doctype html><title>Embedded</title><div id="box"></div><script src="${lipa}/embed.js"></script>` +
          `<script>window.seen = []; Lipa.mount('#box', { url: ${JSON.stringify(target).replace(/</g, '\\u003c')}, onEvent: (e) => window.seen.push(e.type) });</script>`);
    }
    if (url.pathname === '/forge') {
      const forged = { source: 'lipa', type: 'completed', session_id: 'cs_forged', status: 'complete', payment_status: 'succeeded', return_url: 'https://evil.example/' };
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return res.end(`<!doctype html><script>for (let i = 0; i < 5; i++) parent.postMessage(${JSON.stringify(forged)}, '*');</script>`);
    }
    if (url.pathname === '/cancel') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return res.end(page('Order not paid', `<p data-testid="cancelled">You left the checkout.</p>`));
    }
    res.statusCode = 404;
    res.end('not found');
  })
  .listen(port, '127.0.0.1');
