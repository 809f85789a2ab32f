// Lipa's bench: page weight and server latency, against a running server.
//   node bench.mjs [base-url] [api-key]
// Run it through scripts/bench, which builds and starts a release server.
import zlib from 'node:zlib';

const base = process.argv[2] ?? 'http://localhost:3200';
const key = process.argv[3] ?? 'sk_test_bench_00000000000000000000';
const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
const body = JSON.stringify({
  currency: 'MZN',
  description: 'Order #1042',
  line_items: [
    { name: 'Capulana, hand-printed', unit_amount: 125000, quantity: 2 },
    { name: 'Delivery in Maputo', unit_amount: 15000, quantity: 1 },
  ],
  success_url: 'https://shop.example/ok?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'https://shop.example/cancel',
});

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

async function createSession() {
  const r = await fetch(`${base}/v1/checkout/sessions`, { method: 'POST', headers, body });
  if (r.status !== 200) throw new Error(`create: ${r.status} ${await r.text()}`);
  return r.json();
}

async function weight() {
  const s = await createSession();
  const html = Buffer.from(await (await fetch(s.url)).arrayBuffer());
  const text = html.toString();
  const js = /href="([^"]+\.js)"/.exec(text)[1];
  const wasm = /href="([^"]+\.wasm)"/.exec(text)[1];
  const jsBuf = Buffer.from(await (await fetch(new URL(js, base))).arrayBuffer());
  const wasmBuf = Buffer.from(await (await fetch(new URL(wasm, base))).arrayBuffer());
  console.log('page weight (gzip -9)');
  console.log(`  /c/{id} HTML with inline CSS  ${kb(html.length).padStart(9)} raw  ${kb(gz(html)).padStart(9)} gzip  (budget 14 KB)`);
  console.log(`  hydration JS                  ${kb(jsBuf.length).padStart(9)} raw  ${kb(gz(jsBuf)).padStart(9)} gzip`);
  console.log(`  wasm                          ${kb(wasmBuf.length).padStart(9)} raw  ${kb(gz(wasmBuf)).padStart(9)} gzip`);
}

async function load(name, concurrency, seconds, request) {
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  let failures = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const ok = await request().catch(() => false);
      latencies.push(performance.now() - t);
      if (!ok) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  console.log(
    `  ${name.padEnd(34)} ${String(Math.round(latencies.length / elapsed)).padStart(6)} req/s` +
      `   p50 ${p(0.5).padStart(6)} ms   p95 ${p(0.95).padStart(6)} ms   p99 ${p(0.99).padStart(6)} ms` +
      (failures ? `   ${failures} FAILED` : ''),
  );
}

await weight();
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
console.log(`\nserver latency (${concurrency} concurrent clients, ${seconds} s each, one SQLite file)`);
const sessions = await Promise.all(Array.from({ length: 50 }, createSession));
let i = 0;
await load('GET /c/{id} (server render)', concurrency, seconds, async () => {
  const r = await fetch(sessions[i++ % sessions.length].url);
  await r.arrayBuffer();
  return r.status === 200;
});
await load('GET /v1/checkout/sessions/{id}', concurrency, seconds, async () => {
  const r = await fetch(`${base}/v1/checkout/sessions/${sessions[i++ % sessions.length].id}`, { headers });
  await r.arrayBuffer();
  return r.status === 200;
});
await load('POST /v1/checkout/sessions', concurrency, seconds, async () => {
  const r = await fetch(`${base}/v1/checkout/sessions`, { method: 'POST', headers, body });
  await r.arrayBuffer();
  return r.status === 200;
});

// Webhooks: from the API response that committed an event to its arrival
// at a local receiver (the outbox, the worker, signing and the POST).
{
  const http = await import('node:http');
  const arrived = new Map();
  const receiver = http.createServer((req, res) => {
    const t = performance.now();
    req.resume();
    req.on('end', () => {
      arrived.set(req.headers['webhook-id'], t);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${receiver.address().port}/hooks`;
  const p = await (await fetch(`${base}/v1/products`, {
    method: 'POST', headers, body: JSON.stringify({ name: 'Bench hooks', main_currency: 'MZN', webhook_url: url }),
  })).json();
  const count = Number(process.env.BENCH_WEBHOOKS ?? 200);
  const made = await Promise.all(Array.from({ length: count }, async () => {
    const r = await fetch(`${base}/v1/checkout/sessions`, {
      method: 'POST', headers, body: JSON.stringify({ ...JSON.parse(body), product: p.id }),
    });
    return r.json();
  }));
  const committed = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < made.length) {
      const s = made[next++];
      const r = await fetch(`${base}/v1/checkout/sessions/${s.id}/expire`, { method: 'POST', headers });
      await r.arrayBuffer();
      committed.set(s.id, performance.now());
    }
  }));
  const deadline = performance.now() + 30_000;
  while (arrived.size < count && performance.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
  const elapsed = (performance.now() - started) / 1000;
  const events = await (await fetch(`${base}/v1/events?type=checkout.session.expired&limit=100`, { headers })).json();
  // Event ids to sessions, page by page.
  const bySession = new Map();
  let page = events;
  for (;;) {
    for (const e of page.data) bySession.set(e.id, e.data.id);
    if (!page.paging.has_next_page) break;
    page = await (await fetch(`${base}/v1/events?type=checkout.session.expired&limit=100&after=${page.paging.end_cursor}`, { headers })).json();
  }
  const lat = [];
  for (const [id, t] of arrived) {
    const c = committed.get(bySession.get(id));
    if (c !== undefined) lat.push(t - c);
  }
  lat.sort((a, b) => a - b);
  if (lat.length === 0) throw new Error(`no webhook arrived (product: ${JSON.stringify(p)})`);
  const q = (x) => lat[Math.min(lat.length - 1, Math.floor(x * lat.length))].toFixed(1);
  console.log(`\nwebhooks (${count} events, ${concurrency} concurrent API callers)`);
  console.log(
    `  committed → received                ${String(Math.round(arrived.size / elapsed)).padStart(6)} ev/s` +
      `   p50 ${q(0.5).padStart(6)} ms   p95 ${q(0.95).padStart(6)} ms   max ${lat[lat.length - 1].toFixed(1).padStart(6)} ms` +
      (arrived.size < count ? `   ${count - arrived.size} MISSING` : ''),
  );
  // One at a time, each waited for: the latency of a quiet server.
  const quiet = [];
  for (const s of await Promise.all(Array.from({ length: 20 }, async () =>
    (await fetch(`${base}/v1/checkout/sessions`, {
      method: 'POST', headers, body: JSON.stringify({ ...JSON.parse(body), product: p.id }),
    })).json()))) {
    const before = arrived.size;
    await (await fetch(`${base}/v1/checkout/sessions/${s.id}/expire`, { method: 'POST', headers })).arrayBuffer();
    const t = performance.now();
    while (arrived.size === before) await new Promise((ok) => setImmediate(ok));
    quiet.push([...arrived.values()].pop() - t);
  }
  quiet.sort((a, b) => a - b);
  console.log(
    `  one at a time (20 events)                         p50 ${quiet[10].toFixed(1).padStart(6)} ms   max ${quiet[19].toFixed(1).padStart(6)} ms`,
  );
  receiver.close();
}
