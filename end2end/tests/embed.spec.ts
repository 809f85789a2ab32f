import { test, expect, chromium, Page } from '@playwright/test';
import { auth, createSession, getSession, snap, watchConsole } from './helpers';

// The demo shop Lipa serves on another origin (and another site) than the
// checkout; the bootstrap product allows it, and only it, to frame checkouts.
const SHOP = 'http://127.0.0.1:4200';
const CHECKOUT = 'http://localhost:3100';
// The stand-in merchant: not allowed to frame the demo product's checkouts.
const STRANGER = 'http://localhost:4100';

const events = (page: Page) => page.locator('#log li').allTextContents();
const overlay = (page: Page) => page.locator('[data-lipa="overlay"]');
const modalFrame = (page: Page) => page.frameLocator('[data-lipa="overlay"] iframe');

/** Waits until the frame's height stops changing (after a viewport resize
 * the checkout reports its new height and the frame follows). */
async function settled(page: Page, selector: string) {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const h = (await page.locator(selector).boundingBox())?.height ?? 0;
    if (h === last) return;
    last = h;
    await page.waitForTimeout(150);
  }
}

test('the modal pays to completion; the shop hears `completed` and verifies it', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(SHOP);
  await page.getByRole('button', { name: 'Pay in a window' }).click();
  await expect(page.getByRole('dialog', { name: 'Checkout' })).toBeVisible();
  const frame = modalFrame(page);
  // The prefilled customer number approves.
  await expect(frame.locator('#phone')).toHaveValue('+258 84 000 0000');
  await expect.poll(() => events(page)).toContain('ready');
  await snap(page, 'embed-modal');
  await settled(page, '[data-lipa="overlay"] iframe');
  await frame.getByTestId('pay').click();
  await expect.poll(() => events(page)).toContain('payment_pending open/pending');
  await expect(page.locator('#result')).toHaveText('Paid, verified by the shop: complete/succeeded');
  await expect(overlay(page)).toHaveCount(0);
  expect(await events(page)).toContain('completed complete/succeeded');
  // The buyer stayed on the merchant's page: the script took the event.
  expect(page.url()).toBe(`${SHOP}/`);
  expect(errors).toEqual([]);
});

test('a card with 3-D Secure pays inside the modal; the bank page opens in the frame', async ({ page }) => {
  await page.goto(SHOP);
  await page.getByRole('button', { name: 'Pay in a window' }).click();
  await expect.poll(() => events(page)).toContain('ready');
  const frame = modalFrame(page);
  await frame.locator('input[name=method][value=card]').check();
  await frame.locator('#card-number').pressSequentially('4000000000003220');
  await frame.locator('#card-expiry').pressSequentially('1230');
  await frame.locator('#card-cvc').fill('123');
  await frame.locator('#card-name').fill('Amina Machava');
  await frame.getByTestId('pay').click();
  await frame.getByTestId('sandbox-approve').click();
  // Back in the frame the checkout tells the shop, which verifies.
  await expect(page.locator('#result')).toHaveText('Paid, verified by the shop: complete/succeeded');
  await expect(overlay(page)).toHaveCount(0);
  expect(page.url()).toBe(`${SHOP}/`);
});

test('the inline frame fits its content and pays', async ({ page }) => {
  await page.goto(SHOP);
  await page.getByRole('button', { name: 'Pay on this page' }).click();
  const iframe = page.locator('#inline iframe');
  await expect.poll(() => events(page)).toContain('ready');
  // The page reports its height and the frame takes it (it starts at 560 px).
  await expect.poll(async () => (await iframe.boundingBox())?.height ?? 0).toBeGreaterThan(700);
  const frame = page.frameLocator('#inline iframe');
  const hasScrollbar = await frame.locator('html').evaluate((h) => h.scrollHeight > h.clientHeight + 1);
  expect(hasScrollbar).toBe(false);
  await snap(page, 'embed-inline');
  await settled(page, '#inline iframe');
  await frame.getByTestId('pay').click();
  await expect(page.locator('#result')).toHaveText('Paid, verified by the shop: complete/succeeded');
  // Inline, the frame stays and shows the receipt.
  await expect(frame.getByTestId('receipt')).toBeVisible();
});

test('cancel, Escape and the close button: the order stays open and focus comes back', async ({ page }) => {
  await page.goto(SHOP);
  const open = page.getByRole('button', { name: 'Pay in a window' });
  await open.click();
  await expect.poll(() => events(page)).toContain('ready');
  // The script's answer to `ready` has reached the frame: from now on it
  // decides where a cancel goes (before, the link leaves the frame).
  await expect(modalFrame(page).locator('html[data-hosted]')).toHaveCount(1);
  await modalFrame(page).getByTestId('cancel').click();
  await expect(page.locator('#result')).toHaveText('Checkout cancelled; your cart is still here.');
  await expect(overlay(page)).toHaveCount(0);
  expect(page.url()).toBe(`${SHOP}/`);
  await expect(open).toBeFocused();

  // Escape inside the checkout closes the modal.
  await open.click();
  await expect(overlay(page)).toBeVisible();
  await modalFrame(page).locator('#phone').click();
  await page.keyboard.press('Escape');
  await expect(overlay(page)).toHaveCount(0);
  await expect(open).toBeFocused();

  // So does the close button; Tab never leaves the dialog.
  await open.click();
  const close = page.getByRole('button', { name: 'Close' });
  await close.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  const inDialog = await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
  expect(inDialog).toBe(true);
  await close.click();
  await expect(overlay(page)).toHaveCount(0);
  await expect(open).toBeFocused();
});

test('on a 360 px phone the modal fills the screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(SHOP);
  await page.getByRole('button', { name: 'Pay in a window' }).click();
  await expect.poll(() => events(page)).toContain('ready');
  const box = await page.getByRole('dialog').boundingBox();
  expect(box?.width).toBe(360);
  // The overlay scrolls the whole checkout; the frame itself never does.
  const pay = modalFrame(page).getByTestId('pay');
  await pay.scrollIntoViewIfNeeded();
  await expect(pay).toBeInViewport();
});

test('a plain iframe (no script) sends the buyer on with a link to the top window', async ({ page, request }) => {
  // A product of its own that lets the stand-in merchant frame its checkouts.
  const product = await request.post('/v1/products', {
    headers: auth,
    data: { type: 'api_gateway', name: 'Framed shop', main_currency: 'MZN', embed_origins: [STRANGER] },
  });
  expect(product.status(), await product.text()).toBe(200);
  const session = await createSession(request, { product: (await product.json()).id });
  await page.goto(`${STRANGER}/plain?url=${encodeURIComponent(session.url)}`);
  const frame = page.frameLocator('iframe');
  await frame.locator('#phone').fill('84 000 0000');
  await frame.getByTestId('pay').click();
  await expect(frame.getByTestId('receipt')).toBeVisible();
  // A frame may not move its parent by itself: the page waits for the buyer
  // and does not pretend otherwise.
  await expect(frame.getByText('Taking you back')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(page.url()).toContain(`${STRANGER}/plain`);
  const link = frame.getByTestId('return-link');
  await expect(link).toHaveAttribute('target', '_top');
  await snap(page, 'embed-plain-receipt');
  await link.click();
  await page.waitForURL(`${STRANGER}/success?session_id=${session.id}`);
  await expect(page.getByTestId('status')).toHaveText('complete/succeeded');
});

test('a page on an origin that is not allowed cannot frame the checkout', async ({ page, request }) => {
  const session = await createSession(request);
  const res = await request.get(session.url);
  expect(res.headers()['content-security-policy']).toMatch(new RegExp(`frame-ancestors 'self' ${SHOP}$`));
  await page.goto(`${STRANGER}/frame?url=${encodeURIComponent(session.url)}`);
  await page.waitForTimeout(2000);
  await expect(page.frameLocator('#box iframe').getByTestId('pay')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([]);
  await snap(page, 'embed-refused');
});

test('messages from any other window or origin are ignored', async ({ page }) => {
  const forged = { source: 'lipa', type: 'completed', session_id: 'cs_forged', status: 'complete', payment_status: 'succeeded', return_url: 'https://evil.example/' };
  await page.goto(SHOP);
  await page.getByRole('button', { name: 'Pay in a window' }).click();
  await expect.poll(() => events(page)).toContain('ready');
  // A frame from another origin, and the shop's own window, post a fake success.
  await page.evaluate(({ stranger, forged }) => {
    const f = document.createElement('iframe');
    f.src = `${stranger}/forge`;
    document.body.appendChild(f);
    window.postMessage(forged, '*');
  }, { stranger: STRANGER, forged });
  await page.waitForTimeout(1500);
  expect(await events(page)).not.toContain('completed complete/succeeded');
  await expect(page.locator('#result')).toHaveText('');
  await expect(overlay(page)).toBeVisible();
  expect(page.url()).toBe(`${SHOP}/`);
});

test('pays end to end with third-party cookies blocked', async ({ baseURL }) => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--test-third-party-cookie-phaseout'],
  });
  const page = await browser.newPage({ baseURL });
  await page.goto(SHOP);
  await page.getByRole('button', { name: 'Pay in a window' }).click();
  await expect.poll(() => events(page)).toContain('ready');
  // Inside the frame (localhost, under 127.0.0.1) a cookie cannot be set.
  const frame = page.frames().find((f) => f.url().startsWith(`${CHECKOUT}/c/`))!;
  const stored = await frame.evaluate(() => {
    document.cookie = 'probe=1; SameSite=None; Secure';
    return document.cookie.includes('probe=1');
  });
  expect(stored).toBe(false);
  await modalFrame(page).getByTestId('pay').click();
  await expect(page.locator('#result')).toHaveText('Paid, verified by the shop: complete/succeeded');
  await browser.close();
});

test('embed.js: small, versioned with a long cache, and a short-cache alias', async ({ request }) => {
  const alias = await request.get('/embed.js');
  expect(alias.status()).toBe(200);
  expect(alias.headers()['content-type']).toContain('javascript');
  expect(alias.headers()['cache-control']).toBe('public, max-age=300');
  const body = await alias.body();
  const zlib = await import('node:zlib');
  expect(zlib.gzipSync(body, { level: 9 }).length).toBeLessThan(3 * 1024);
  // The shop loads the versioned URL.
  const shop = await (await request.get(SHOP)).text();
  const src = /<script src="([^"]+\/embed\/[0-9a-f]{12}\.js)"/.exec(shop)![1];
  const versioned = await request.get(src);
  expect(versioned.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(await versioned.body()).toEqual(body);
  expect((await request.get('/embed/000000000000.js')).status()).toBe(404);
});

test('the same session at top level behaves as before', async ({ page, request }) => {
  const session = await createSession(request);
  await page.goto(session.url);
  await page.locator('#phone').fill('84 000 0000');
  await page.getByTestId('pay').click();
  await page.waitForURL(`http://localhost:4100/success?session_id=${session.id}`);
  const s = await getSession(request, session.id);
  expect([s.status, s.payment_status]).toEqual(['complete', 'succeeded']);
});
