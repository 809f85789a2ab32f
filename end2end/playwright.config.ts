import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';

// Real Chromium from Debian against the real release server and a fresh
// SQLite database; a small stand-in merchant runs on a second origin.
export const LIPA_PORT = 3100;
export const MERCHANT_PORT = 4100;
// The demo shop Lipa serves on a second origin (another site, too: cookies
// do not cross from 127.0.0.1 to localhost), allowed to frame checkouts.
export const SHOP_PORT = 4200;
export const API_KEY = 'sk_test_end2end_0000000000000000';
// The local fakes of M-Pesa Daraja, Vodacom M-Pesa Mozambique and MTN MoMo
// (server/tests/support/fakes.rs, built as an example).
export const FAKE_PORT = 4300;
export const WEBHOOK_SECRET = 'whsec_ZW5kMmVuZC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5';

// One data directory for the run: workers read it to run the CLI on the
// same database (the config is evaluated again in every worker).
process.env.LIPA_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'lipa-e2e-'));
const dataDir = process.env.LIPA_E2E_DATA_DIR;
const binary = process.env.LIPA_BIN ?? path.resolve(__dirname, '../target/release/lipa');
const fakes = path.resolve(__dirname, '../target/release/examples/fake_providers');

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${LIPA_PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: binary,
      cwd: path.resolve(__dirname, '..'),
      url: `http://localhost:${LIPA_PORT}/healthz`,
      reuseExistingServer: false,
      stdout: 'ignore',
      env: {
        LEPTOS_SITE_ADDR: `127.0.0.1:${LIPA_PORT}`,
        LEPTOS_SITE_ROOT: path.resolve(__dirname, '../target/site'),
        LIPA_PUBLIC_URL: `http://localhost:${LIPA_PORT}`,
        LIPA_DATA_DIR: dataDir,
        LIPA_BOOTSTRAP_API_KEY: API_KEY,
        // The stand-in merchant and the demo shop listen on loopback.
        LIPA_WEBHOOK_ALLOW_PRIVATE: '1',
        // Every test buys from 127.0.0.1 with the sandbox's few numbers:
        // those limits are tested in server/tests/limits.rs. The limit on
        // failed payments per checkout keeps its default (5) and is tested
        // here.
        LIPA_LIMIT_PUSHES_PER_PHONE: '100000',
        LIPA_LIMIT_PAY_BURST: '100000',
        LIPA_SANDBOX_APPROVE_MS: '1500',
        LIPA_SWEEP_INTERVAL_MS: '500',
        LIPA_PUSH_TIMEOUT_MS: '12000',
        LIPA_MIN_SESSION_SECS: '1',
        LIPA_DEMO_SHOP_ADDR: `127.0.0.1:${SHOP_PORT}`,
        LIPA_MPESA_DARAJA_BASE_URL: `http://127.0.0.1:${FAKE_PORT}/daraja`,
        LIPA_MPESA_VODACOM_MZ_BASE_URL: `http://127.0.0.1:${FAKE_PORT}/vodacom`,
        LIPA_MTN_MOMO_BASE_URL: `http://127.0.0.1:${FAKE_PORT}/momo`,
        LIPA_STRIPE_BASE_URL: `http://127.0.0.1:${FAKE_PORT}/stripe`,
        LIPA_FLUTTERWAVE_BASE_URL: `http://127.0.0.1:${FAKE_PORT}/flutterwave`,
        LIPA_PAYFAST_BASE_URL: `http://127.0.0.1:${FAKE_PORT}/payfast`,
        RUST_LOG: 'info',
      },
    },
    {
      command: fakes,
      url: `http://127.0.0.1:${FAKE_PORT}/healthz`,
      reuseExistingServer: false,
      env: { FAKE_PORT: String(FAKE_PORT) },
    },
    {
      command: `node merchant.mjs`,
      cwd: __dirname,
      url: `http://localhost:${MERCHANT_PORT}/healthz`,
      reuseExistingServer: false,
      env: {
        MERCHANT_PORT: String(MERCHANT_PORT),
        LIPA_URL: `http://localhost:${LIPA_PORT}`,
        LIPA_API_KEY: API_KEY,
        MERCHANT_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
    },
  ],
});
