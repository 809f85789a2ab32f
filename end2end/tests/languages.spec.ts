import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, expect } from '@playwright/test';
import { axe, createSession, hydrated, snap, watchConsole } from './helpers';

/** The buyer page's messages in `lang`, read from its Fluent file: the
 * one-line messages, which is every message these tests look at. */
function messages(lang: string): Record<string, string> {
  const file = path.resolve(__dirname, '../../locales', lang, 'checkout.ftl');
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([a-z0-9_-]+) = (.+)$/.exec(line);
    if (m && !m[2].trim().endsWith('->')) out[m[1]] = m[2].trim();
  }
  return out;
}

/** Written right to left: each variable then sits between the Unicode
 * isolation marks FSI and PDI, as Fluent puts it there. */
const RTL = new Set(['ar']);

/** A message in `lang` with its variables filled in. */
const fill = (lang: string, text: string, vars: Record<string, string>) => {
  const [open, close] = RTL.has(lang) ? ['\u2068', '\u2069'] : ['', ''];
  return text.replace(/\{ \$([a-z]+) \}/g, (_, name: string) => open + (vars[name] ?? `{${name}}`) + close);
};

/** Every language with a folder in locales/. */
const LANGS = fs.readdirSync(path.resolve(__dirname, '../../locales')).sort();

const MERCHANT_NAME = 'Demo Store';

for (const lang of LANGS) {
  test(`a buyer pays and gets the receipt in ${lang}`, async ({ page, request }) => {
    const m = messages(lang);
    const errors = watchConsole(page);
    const session = await createSession(request, { locale: lang, success_url: undefined });
    await page.goto(session.url);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('html')).toHaveAttribute('dir', RTL.has(lang) ? 'rtl' : 'ltr');
    await expect(page).toHaveTitle(fill(lang, m['page-title'], { merchant: MERCHANT_NAME }));
    await expect(page.locator('legend')).toHaveText(m['pay-with']);
    await expect(page.getByRole('heading', { name: m['order-summary'] })).toHaveCount(1);
    await hydrated(page);
    await axe(page, `open-${lang}`);

    await page.getByLabel(/M-Pesa/).first().check();
    await page.locator('#phone').fill('840000000');
    await page.getByTestId('pay').click();
    const receipt = page.getByTestId('receipt');
    await expect(receipt).toContainText(m['receipt-title']);
    await expect(receipt).toContainText(fill(lang, m['receipt-body'], { merchant: MERCHANT_NAME }));
    await snap(page, `receipt-lang-${lang}`);
    expect(errors).toEqual([]);
  });
}

test('the language menu lists every language by its own name', async ({ page, request }) => {
  const session = await createSession(request);
  await page.goto(session.url);
  const codes = await page.locator('#lang option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect([...codes].sort()).toEqual(LANGS);
  const names = await page.locator('#lang option').allTextContents();
  expect(names).toContain('isiZulu');
  expect(names).toContain('Kinyarwanda');
  expect(names.at(-1)).toBe('አማርኛ');
});
