// A stand-in merchant on its own origin: the success and cancel pages a
// buyer is sent back to. The success page asks Lipa's API for the session's
// status (a redirect alone is never proof of payment) and shows it.
import crypto from 'node:crypto';
import http from 'node:http';

const port = Number(process.env.MERCHANT_PORT ?? 4100);
const lipa = process.env.LIPA_URL ?? 'http://localhost:3100';
const key = process.env.LIPA_API_KEY;
const webhookSecret = process.env.MERCHANT_WEBHOOK_SECRET ?? '';

// The verifier the README offers merchants (Standard Webhooks, no library):
// the raw body, the three headers, five minutes of tolerance either way.
function verifyWebhook(secret, headers, rawBody, now = Math.floor(Date.now() / 1000)) {
  const id = headers['webhook-id'];
  const ts = headers['webhook-timestamp'];
  const sigs = headers['webhook-signature'];
  if (!id || !ts || !sigs || !/^\d+$/.test(ts)) return false;
  if (Math.abs(now - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = crypto.createHmac('sha256', key).update(`${id}.${ts}.`).update(rawBody).digest();
  return sigs.split(' ').some((s) => {
    const [version, b64] = s.split(',', 2);
    if (version !== 'v1' || !b64) return false;
    const got = Buffer.from(b64, 'base64');
    return got.length === expected.length && crypto.timingSafeEqual(got, expected);
  });
}
const hooks = [];

const page = (title, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><h1>${title}</h1>${body}</body></html>`;
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

http
  .createServer(async (req, res) => {
    const url = new URL(req.url, `http://localhost:${port}`);
    if (url.pathname === '/healthz') return res.end('ok');
    if (url.pathname === '/webhooks' && req.method === 'POST') {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const raw = Buffer.concat(chunks);
      const verified = verifyWebhook(webhookSecret, req.headers, raw);
      let event = {};
      try { event = JSON.parse(raw.toString('utf8')); } catch { /* logged as unverified */ }
      const id = req.headers['webhook-id'] ?? '';
      const duplicate = hooks.some((h) => h.id === id && h.verified);
      const session = event.data?.checkout_session ?? event.data?.id ?? null;
      hooks.push({ id, type: event.type, session, verified, duplicate });
      res.statusCode = verified ? 204 : 400;
      return res.end();
    }
    if (url.pathname === '/webhooks') {
      const session = url.searchParams.get('session');
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify(hooks.filter((h) => !session || h.session === session)));
    }
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
