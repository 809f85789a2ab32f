import { execFileSync } from 'node:child_process';
import { APIRequestContext, Page, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const API_KEY = 'sk_test_end2end_0000000000000000';
export const MERCHANT = 'http://localhost:4100';
export const auth = { Authorization: `Bearer ${API_KEY}` };

export type Session = {
  id: string;
  url: string;
  status: string;
  payment_status: string;
  [k: string]: unknown;
};

/** Creates a checkout session through the merchant API, as a merchant would. */
export async function createSession(request: APIRequestContext, body: Record<string, unknown> = {}): Promise<Session> {
  const res = await request.post('/v1/checkout/sessions', {
    headers: auth,
    data: {
      currency: 'MZN',
      line_items: [
        { name: 'Capulana, hand-printed', unit_amount: 125000, quantity: 2 },
        { name: 'Delivery in Maputo', unit_amount: 15000, quantity: 1 },
      ],
      description: 'Order #1042',
      success_url: `${MERCHANT}/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${MERCHANT}/cancel`,
      ...body,
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Session;
}

export async function getSession(request: APIRequestContext, id: string): Promise<Session> {
  const res = await request.get(`/v1/checkout/sessions/${id}`, { headers: auth });
  expect(res.status()).toBe(200);
  return (await res.json()) as Session;
}

const shots = path.resolve(__dirname, '../artifacts/screenshots');

/** axe-core's findings on `page`, or null when it cannot run there (a
 * page opened without JavaScript). */
async function analyse(page: Page) {
  const run = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const stuck = new Promise<null>((resolve) => setTimeout(() => resolve(null), 8000));
  return Promise.race([run, stuck]);
}

/** No WCAG 2.1 A/AA violation axe-core can find in the current state of
 * one of our pages (where scripts run). */
export async function axe(page: Page, name: string) {
  // The stand-in merchant's pages (both its host names) are not ours to judge.
  if (new URL(page.url()).port === new URL(MERCHANT).port) return;
  await page.waitForLoadState();
  let result;
  try {
    result = await analyse(page);
  } catch (e) {
    // The page moved on by itself (a paid checkout goes to the merchant,
    // a pending page refreshes): check where it landed.
    if (!String(e).includes('Execution context was destroyed')) throw e;
    return axe(page, name);
  }
  // Pages opened without JavaScript cannot host axe; their markup is the
  // same as the scripted states checked elsewhere.
  if (result === null) return;
  // A pending page may have gone on to the merchant's page meanwhile.
  if (new URL(page.url()).port === new URL(MERCHANT).port) return;
  const found = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found, `axe on ${name}`).toEqual([]);
}

/** Full-page screenshots of the current state at a phone and a desktop
 * width, each checked with axe-core. */
export async function snap(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    // Let the new width lay out and paint before the capture (page.evaluate
    // would hang on the pages that run without JavaScript).
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
    await axe(page, `${name}-${width}`);
  }
  await page.setViewportSize(original);
}

/** Collects every error our pages log (hydration mismatches, CSP
 * violations, 404s); the merchant's own pages are not ours to judge. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    const where = m.location().url || page.url();
    if (m.type() === 'error' && !where.startsWith(MERCHANT)) errors.push(`${m.text()} (${where})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Waits until the page has hydrated (the wasm bundle ran). */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const w = window as unknown as { __lipa_hydrated?: boolean };
    return w.__lipa_hydrated === true;
  });
}

const lipa = path.resolve(__dirname, '../../target/release/lipa');

/** Runs the operator's CLI on the suite's database. */
export function cli(...args: string[]): string {
  // The same public URL as the server's, so links the CLI prints open it.
  const env = { ...process.env, LIPA_DATA_DIR: process.env.LIPA_E2E_DATA_DIR as string, LIPA_PUBLIC_URL: 'http://localhost:3100', LIPA_WEBHOOK_ALLOW_PRIVATE: '1' };
  return execFileSync(lipa, args, { env, encoding: 'utf8' }).trim();
}

/** A new merchant and a key of its, made with the operator's CLI. */
export function merchantKey(name: string, live: boolean): string {
  const merchant = cli('merchant', 'create', '--name', name);
  return cli('key', 'create', '--merchant', merchant, ...(live ? ['--live'] : []));
}
