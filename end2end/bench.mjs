// Lipa's webhook bench, against a running server: a burst of events
// (sessions expired by BENCH_CONCURRENCY clients) from the API call that
// caused each to its arrival at a loopback receiver, then events one at a
// time. Run it through scripts/bench, which builds and starts the server.
//   node bench.mjs [base-url] [api-key]

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
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

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
  const count = Number(process.env.BENCH_WEBHOOKS ?? 1000);
  const made = [];
  let left = count;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left-- > 0) {
      const r = await fetch(`${base}/v1/checkout/sessions`, {
        method: 'POST', headers, body: JSON.stringify({ ...JSON.parse(body), product: p.id }),
      });
      made.push(await r.json());
    }
  }));
  // Node's plain HTTP client on kept-alive sockets: fetch costs the
  // client more CPU than the server spends on the call.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const expire = (id) => new Promise((ok, fail) => {
    const req = http.request(`${base}/v1/checkout/sessions/${id}/expire`, {
      method: 'POST', agent, headers: { Authorization: headers.Authorization },
    }, (res) => { res.resume(); res.on('end', ok); });
    req.on('error', fail);
    req.end();
  });
  const committed = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < made.length) {
      const s = made[next++];
      await expire(s.id);
      committed.set(s.id, performance.now());
    }
  }));
  const expiredIn = (performance.now() - started) / 1000;
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
  console.log(`webhooks (${count} events, sessions expired by ${concurrency} concurrent clients, SQLite; target p99 <= 1000 ms)`);
  console.log(
    `  committed → received                ${String(Math.round(arrived.size / elapsed)).padStart(6)} ev/s` +
      `   p50 ${q(0.5).padStart(6)} ms   p99 ${q(0.99).padStart(6)} ms   max ${lat[lat.length - 1].toFixed(1).padStart(6)} ms` +
      (arrived.size < count ? `   ${count - arrived.size} MISSING` : ''),
  );
  console.log(`  (the ${count} sessions expired in ${expiredIn.toFixed(2)} s)`);
  // One at a time, each waited for: the latency of a quiet server.
  const quiet = [];
  for (const s of await Promise.all(Array.from({ length: 20 }, async () =>
    (await fetch(`${base}/v1/checkout/sessions`, {
      method: 'POST', headers, body: JSON.stringify({ ...JSON.parse(body), product: p.id }),
    })).json()))) {
    const before = arrived.size;
    const t = performance.now();
    await expire(s.id);
    while (arrived.size === before) await new Promise((ok) => setImmediate(ok));
    quiet.push([...arrived.values()].pop() - t);
  }
  quiet.sort((a, b) => a - b);
  console.log(
    `  one at a time (20 events)                         p50 ${quiet[10].toFixed(1).padStart(6)} ms   max ${quiet[19].toFixed(1).padStart(6)} ms`,
  );
  receiver.close();
}
