import { test, expect, Browser, Page } from '@playwright/test';
import * as crypto from 'node:crypto';
import * as zlib from 'node:zlib';
import { MERCHANT, axe, cli, snap, watchConsole } from './helpers';

const WEBHOOK_SECRET = 'whsec_ZW5kMmVuZC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5';

// The merchant dashboard in real Chromium against the real server: an
// owner signs up from the operator's CLI link, turns on two-factor, signs
// in with it, makes a payment link, and sees a buyer's payment on Home.
// Every form is a plain HTML form: the dashboard runs no JavaScript.

const PASSWORD = 'maputo sunset over the bay';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) for a base32 secret: what an
 * authenticator app shows. */
function totp(base32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

/** A small PNG (a coloured band) written here, for the logo upload. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([124, 58, 237]))]);
  const pixels = zlib.deflateSync(Buffer.concat(Array(height).fill(row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A merchant with a product (every method, webhooks to the stand-in
 * merchant), made with the CLI. */
function merchant(name: string): string {
  const id = cli('merchant', 'create', '--name', name);
  cli('product', 'create', '--merchant', id, '--name', `${name} shop`, '--currency', 'MZN',
    '--webhook-url', `${MERCHANT}/webhooks`, '--webhook-secret', WEBHOOK_SECRET);
  return id;
}

/** Opens the newest payment's page from the Payments list. */
async function newestPayment(page: Page) {
  await page.goto('/dashboard/payments');
  await page.getByTestId('payments').locator('tbody tr').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/dashboard\/payments\/cs_/);
}

/** Refunds `amount` through the form and its confirmation step. */
async function refund(page: Page, amount: string) {
  await page.locator('#refund-amount').fill(amount);
  await page.getByRole('button', { name: 'Review the refund' }).click();
  await expect(page.locator('#confirm-title')).toHaveText(`Refund MZN\u00a0${amount}.00?`);
  await page.getByRole('button', { name: /^Yes, refund/ }).click();
  await expect(page.getByTestId('notice')).toHaveText(`Refund of MZN\u00a0${amount}.00 made.`);
}

function signUpLink(merchantId: string, email: string, role = 'owner'): string {
  const link = cli('user', 'create', '--merchant', merchantId, '--email', email, '--role', role);
  expect(link).toMatch(/^http:\/\/localhost:3100\/dashboard\/sign-up\/\w+$/);
  return link;
}

async function signUp(page: Page, link: string) {
  await page.goto(link);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#confirm').fill(PASSWORD);
  await page.locator('#confirm').press('Enter');
  await expect(page).toHaveURL(/\/dashboard\/security$/);
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/dashboard/sign-in');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /sign in|entrar/i }).click();
}

/** A fixed-amount link made through the dashboard's form; its page's URL. */
async function makeLink(page: Page, description: string, amount: string) {
  await page.goto('/dashboard/links');
  await page.locator('#description').fill(description);
  await page.locator('#amount').fill(amount);
  await page.getByRole('button', { name: /create link|criar link/i }).click();
  await expect(page).toHaveURL(/\/dashboard\/links\/plink_/);
  return page.getByTestId('link-url').innerText();
}

async function pay(browser: Browser, url: string) {
  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(url);
  await expect(buyer).toHaveURL(/\/c\/cs_/);
  await buyer.locator('#phone').fill('84 000 0000');
  await buyer.getByTestId('pay').click();
  await expect(buyer.getByTestId('receipt')).toBeVisible();
  await buyer.context().close();
}

test('an owner signs up, enrols TOTP, signs in with it, and sees a link paid', async ({ page, browser }) => {
  const errors = watchConsole(page);
  const m = merchant('Loja da Ana');
  await signUp(page, signUpLink(m, 'ana@loja.example'));
  await expect(page.getByTestId('mode-badge')).toHaveText('Test mode');

  // Two-factor: read the key as an app would from the QR code.
  const secret = await page.getByTestId('totp-secret').innerText();
  const spent = totp(secret);
  await page.locator('#code').fill(spent);
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The password alone is not enough now.
  await signIn(page, 'ana@loja.example');
  await expect(page).toHaveURL(/\/dashboard\/sign-in\/code$/);
  // A code works once: the one that turned two-factor on is spent, as an
  // overheard one would be. The app's next code (30 s ahead) signs in.
  await page.locator('#code').fill(spent);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#problem')).toBeVisible();
  // The refusal is a 401, which the browser reports: that one, nothing else.
  expect(errors.splice(0)).toEqual([expect.stringContaining('401 (Unauthorized)')]);
  await page.locator('#code').fill(totp(secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('paid-count')).toHaveText('0');

  const url = await makeLink(page, 'Capulana', '250');
  await expect(page.getByTestId('qr').locator('svg')).toBeVisible();
  const share = page.getByRole('link', { name: 'Share on WhatsApp' });
  expect(decodeURIComponent((await share.getAttribute('href'))!)).toContain(url);
  await pay(browser, url);

  await page.goto('/dashboard');
  await expect(page.getByTestId('paid-count')).toHaveText('1');
  await expect(page.locator('.figure').first()).toHaveText('MZN\u00a0250.00');
  await expect(page.getByTestId('chart')).toBeVisible();
  await page.goto('/dashboard/links');
  await expect(page.getByTestId('links').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('links').locator('tbody td').nth(1)).toHaveText('1');

  // Payments: the link's checkout, refunded in part after a confirmation;
  // the merchant's endpoint gets payment.refunded, and the timeline says so.
  await newestPayment(page);
  await expect(page.getByTestId('payment-status')).toHaveText('Paid');
  await refund(page, '100');
  await expect(page.getByTestId('payment-status')).toHaveText('Partly refunded');
  const refunded = page.getByTestId('timeline').locator('li', { hasText: 'Event payment.refunded' });
  await expect(async () => {
    await page.reload();
    await expect(refunded).toContainText(new RegExp(`Delivered to ${MERCHANT}/webhooks: HTTP 204 in \\d+ ms`), { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('a support member refunds but cannot make API keys', async ({ page, browser }) => {
  const m = merchant('Loja do Apoio');
  const owner = await (await browser.newContext()).newPage();
  await signUp(owner, signUpLink(m, 'dona@apoio.example'));
  const url = await makeLink(owner, 'Chapéu', '300');
  await pay(browser, url);
  // The owner invites a support member from the dashboard.
  await owner.goto('/dashboard/team');
  await owner.locator('#invite-email').fill('apoio@apoio.example');
  await owner.locator('#invite-role').selectOption('support');
  await owner.getByRole('button', { name: 'Make an invitation link' }).click();
  const invite = await owner.getByTestId('invite-link').innerText();
  await signUp(page, invite);
  await expect(page.getByRole('link', { name: 'Developers' })).toHaveCount(0);
  const res = await page.goto('/dashboard/developers');
  expect(res?.status()).toBe(403);
  // Without a limit from the owner, support refunds nothing; with one, up to it.
  await newestPayment(page);
  await page.locator('#refund-amount').fill('50');
  await page.getByRole('button', { name: 'Review the refund' }).click();
  await expect(page.locator('#problem')).toContainText('may refund up to');
  await owner.goto('/dashboard/team');
  const row = owner.getByTestId('members').locator('li', { hasText: 'apoio@apoio.example' });
  await row.getByLabel('Refund limit').fill('100');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(owner.getByText('Saved.')).toBeVisible();
  await newestPayment(page);
  await refund(page, '50');
  // The owner reads it in the audit log.
  await owner.goto('/dashboard/team');
  await expect(owner.getByTestId('audit')).toContainText('refund.created');
  await expect(owner.getByTestId('audit')).toContainText('member.role_changed');
});

test('sign-in locks after five wrong passwords and says until when', async ({ page }) => {
  const m = merchant('Banca do Zé');
  const other = await (await page.context().browser()!.newContext()).newPage();
  await signUp(other, signUpLink(m, 'ze@banca.example'));
  for (let i = 0; i < 4; i++) {
    await signIn(page, 'ze@banca.example', 'not the password at all');
    await expect(page.locator('#problem')).toHaveText('Wrong email or password.');
  }
  await signIn(page, 'ze@banca.example', 'not the password at all');
  await expect(page.locator('#problem')).toContainText('Sign-in is locked until');
  await snap(page, 'dashboard-locked-en');
  // Even the right password waits now.
  await signIn(page, 'ze@banca.example');
  await expect(page.locator('#problem')).toContainText('locked until');
});

/** Presses Tab until the focused element matches `selector`; returns what
 * was focused on the way (tag#id or text), failing after `max` presses. */
async function tabTo(page: Page, selector: string, max = 40): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate((sel) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return { name: '', hit: false };
      const name = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}:${(el.textContent || '').trim().slice(0, 30)}`;
      return { name, hit: el.matches(sel) };
    }, selector);
    seen.push(here.name);
    if (here.hit) return seen;
  }
  throw new Error(`Tab never reached ${selector}: ${seen.join(' > ')}`);
}

test('the dashboard is used with the keyboard alone, in a sensible order', async ({ page }) => {
  const m = merchant('Loja do Teclado');
  await signUp(page, signUpLink(m, 'teclado@loja.example'));
  await page.getByRole('button', { name: 'Sign out' }).click();

  // Sign-in: email, then password, then the button; typed and sent with keys.
  await page.goto('/dashboard/sign-in');
  const order = await tabTo(page, 'button[type=submit]');
  const at = (name: string) => order.indexOf(name);
  expect(at('#email')).toBeGreaterThanOrEqual(0);
  expect(at('#email')).toBeLessThan(at('#password'));
  await page.locator('#email').focus();
  await page.keyboard.type('teclado@loja.example');
  await page.keyboard.press('Tab');
  await expect(page.locator('#password')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/dashboard$/);

  // The first Tab shows the skip link; Enter moves focus past the menu.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  // The menu reaches every screen; a link is followed with Enter, and its
  // focus ring shows.
  await page.goto('/dashboard');
  await tabTo(page, 'nav a[href="/dashboard/links"]');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(ring).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/dashboard\/links$/);

  // The link form: description, then the amount, in reading order; Enter
  // in a field submits it.
  const fields = await tabTo(page, '#amount');
  expect(fields.indexOf('#description')).toBeGreaterThanOrEqual(0);
  await page.keyboard.type('250');
  await page.locator('#description').focus();
  await page.keyboard.type('Capulana');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('qr').locator('svg')).toBeVisible();
});

test('a form without the session CSRF token, or from another site, changes nothing', async ({ page, request }) => {
  const m = merchant('Mercado Central');
  await signUp(page, signUpLink(m, 'rui@mercado.example'));
  // The session's cookie, but no token.
  const res = await page.request.post('/dashboard/links', {
    form: { description: 'Forged', currency: 'MZN', kind: 'fixed', amount: '10' },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('This form has expired');
  // A page on another site posts a form at the dashboard.
  await page.goto('http://127.0.0.1:3100/healthz');
  await page.setContent(
    `<form method="post" action="http://localhost:3100/dashboard/links">
       <input name="csrf" value="guess"><input name="description" value="Forged">
       <input name="currency" value="MZN"><input name="kind" value="fixed"><input name="amount" value="10">
       <button>go</button></form>`,
  );
  await page.getByRole('button', { name: 'go' }).click();
  await page.waitForLoadState();
  await page.goto('http://localhost:3100/dashboard/links');
  await expect(page.getByText('No payment links yet.')).toBeVisible();
  void request;
});

test('another merchant’s user sees none of it, and a viewer cannot make links', async ({ page, browser }) => {
  const a = merchant('Shop A');
  await signUp(page, signUpLink(a, 'owner@a.example'));
  await makeLink(page, 'Only for A', '99');
  const linkPage = page.url();

  const b = merchant('Shop B');
  const stranger = await (await browser.newContext()).newPage();
  await signUp(stranger, signUpLink(b, 'owner@b.example'));
  await stranger.goto('/dashboard/links');
  await expect(stranger.getByText('Only for A')).toHaveCount(0);
  const res = await stranger.goto(linkPage);
  expect(res?.status()).toBe(404);

  const viewer = await (await browser.newContext()).newPage();
  await signUp(viewer, signUpLink(a, 'viewer@a.example', 'viewer'));
  await viewer.goto('/dashboard/links');
  await expect(viewer.getByText('Only for A')).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Create link' })).toHaveCount(0);
  await expect(viewer.getByRole('link', { name: 'Team' })).toHaveCount(0);

  // Live mode shows none of the test objects, and says it is live.
  await page.goto('/dashboard');
  await page.getByTestId('mode-switch').click();
  await expect(page.getByTestId('mode-badge')).toHaveText('Live mode');
  await page.goto('/dashboard/links');
  await expect(page.getByText('Only for A')).toHaveCount(0);
  await snap(page, 'dashboard-live-links-en');
});

for (const lang of ['en', 'pt'] as const) {
  test.describe(`every dashboard screen (${lang})`, () => {
    test.use({ locale: lang === 'pt' ? 'pt-MZ' : 'en-US' });
    test('looks right and passes axe', async ({ page, browser }) => {
      test.setTimeout(180_000);
      const m = merchant(`Loja ${lang}`);
      const link = signUpLink(m, `shots-${lang}@loja.example`);
      await page.goto(link);
      await snap(page, `dashboard-signup-${lang}`);
      await page.locator('#password').fill('password1234');
      await page.locator('#confirm').fill('password1234');
      await page.locator('#confirm').press('Enter');
      await expect(page.locator('#problem')).toBeVisible();
      await snap(page, `dashboard-signup-error-${lang}`);
      await signUp(page, link);
      await snap(page, `dashboard-security-${lang}`);
      const secret = await page.getByTestId('totp-secret').innerText();
      await page.locator('#code').fill(totp(secret));
      await page.locator('#code').press('Enter');
      await expect(page.getByTestId('recovery-codes')).toBeVisible();
      await snap(page, `dashboard-codes-${lang}`);
      await page.goto('/dashboard');
      await snap(page, `dashboard-home-empty-${lang}`);
      const url = await makeLink(page, lang === 'pt' ? 'Capulana estampada' : 'Printed capulana', '1250');
      await snap(page, `dashboard-link-${lang}`);
      await pay(browser, url);
      await page.goto('/dashboard');
      await expect(page.getByTestId('paid-count')).toHaveText('1');
      await snap(page, `dashboard-home-${lang}`);
      await page.goto('/dashboard/links');
      await snap(page, `dashboard-links-${lang}`);
      // A refusal in the user's words, naming the form's own field.
      await page.locator('input[name=kind][value=chosen]').check();
      await page.locator('#min').fill('50');
      await page.locator('#max').fill('10');
      await page.locator('#max').press('Enter');
      await expect(page.locator('#problem')).toHaveText(
        lang === 'pt' ? 'O máximo tem de ser pelo menos o mínimo.' : 'The maximum must be at least the minimum.');
      await snap(page, `dashboard-links-error-${lang}`);
      await page.goto('/dashboard/payments');
      await snap(page, `dashboard-payments-${lang}`);
      await page.getByTestId('payments').locator('tbody tr').first().getByRole('link').click();
      await page.locator('#refund-amount').fill('250');
      await page.locator('#refund-amount').press('Enter');
      await expect(page.locator('#confirm-title')).toBeVisible();
      await snap(page, `dashboard-refund-confirm-${lang}`);
      await page.locator('.confirm button').click();
      await expect(page.getByTestId('notice')).toBeVisible();
      await snap(page, `dashboard-payment-${lang}`);
      await page.goto('/dashboard/payments?q=nothing-like-this');
      await expect(page.getByTestId('no-payments')).toBeVisible();
      await page.goto('/dashboard/developers');
      await page.locator('form[action="/dashboard/developers/keys"] button').click();
      await expect(page.getByTestId('new-key')).toBeVisible();
      await snap(page, `dashboard-developers-${lang}`);
      await page.goto('/dashboard/team');
      await page.locator('#invite-email').fill(`colega-${lang}@loja.example`);
      await page.locator('#invite-email').press('Enter');
      await expect(page.getByTestId('invite-link')).toBeVisible();
      await snap(page, `dashboard-team-${lang}`);

      const anon = await (await browser.newContext({ locale: lang === 'pt' ? 'pt-MZ' : 'en-US' })).newPage();
      await anon.goto('/dashboard/sign-in');
      await snap(anon, `dashboard-signin-${lang}`);
      await anon.locator('#email').fill(`shots-${lang}@loja.example`);
      await anon.locator('#password').fill(PASSWORD);
      await anon.locator('#password').press('Enter');
      await expect(anon).toHaveURL(/sign-in\/code$/);
      await snap(anon, `dashboard-code-${lang}`);
      await axe(anon, `dashboard-code-${lang}`);
    });
  });
}

test('the brand colour and logo reach the checkout; the settings save', async ({ page, request }) => {
  const m = merchant('Capulanas Lda');
  const key = cli('key', 'create', '--merchant', m);
  await signUp(page, signUpLink(m, 'marca@capulanas.example'));
  await page.getByRole('link', { name: 'Products and branding' }).click();
  await page.locator('#brand-color').fill('#7c3aed');
  await page.getByRole('button', { name: 'Save colour' }).click();
  await expect(page.getByTestId('notice')).toHaveText('Colour saved.');
  await page.locator('#logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(192, 96) });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.getByTestId('notice')).toHaveText('Logo saved.');
  await expect(page.getByTestId('logo-now')).toBeVisible();
  // An SVG is refused, whatever it claims to be.
  await page.locator('#logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>') });
  await page.getByRole('button', { name: 'Upload logo' }).click();
  await expect(page.locator('#problem')).toHaveText('That is not a PNG, JPEG or WebP image.');
  // A product setting.
  await page.locator('textarea[name="embed_origins"]').fill('https://capulanas.example');
  await page.locator('textarea[name="embed_origins"]').locator('xpath=ancestor::form').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('notice')).toHaveText('Product saved.');
  await expect(page.locator('textarea[name="embed_origins"]')).toHaveValue('https://capulanas.example');

  const res = await request.post('/v1/checkout/sessions', {
    headers: { Authorization: `Bearer ${key}` },
    data: { currency: 'MZN', line_items: [{ name: 'Capulana', unit_amount: 90000, quantity: 1 }] },
  });
  const session = await res.json();
  const buyer = await (await page.context().browser()!.newContext()).newPage();
  await buyer.goto(`/c/${session.id}`);
  const logo = buyer.getByTestId('logo');
  await expect(logo).toHaveAttribute('height', '48');
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(192);
  await expect(buyer.getByTestId('pay')).toHaveCSS('background-color', 'rgb(124, 58, 237)');
  await snap(buyer, 'checkout-with-logo-en');
});

for (const lang of ['en', 'pt'] as const) {
  test(`the settings screen with its previews (${lang})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ locale: lang === 'pt' ? 'pt-MZ' : 'en-US' });
    const page = await context.newPage();
    const m = merchant(`Marca ${lang}`);
    await signUp(page, signUpLink(m, `marca-${lang}@loja.example`));
    await page.goto('/dashboard/settings');
    await page.locator('#logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(120, 120) });
    await page.locator('#logo').locator('xpath=ancestor::form').locator('button').click();
    await expect(page.getByTestId('notice')).toBeVisible();
    await expect(page.frameLocator('iframe.phone').getByTestId('logo')).toBeVisible();
    await snap(page, `dashboard-settings-${lang}`);
    await page.getByRole('link', { name: lang === 'pt' ? 'Pré-visualização do checkout num computador' : 'Checkout preview on a desktop' }).click();
    await expect(page.frameLocator('iframe.desktop').getByTestId('logo')).toBeVisible();
    await snap(page, `dashboard-settings-desktop-${lang}`);
  });
}
