// Shared helpers of the browser suite: the server under test, Chromium, demo accounts, sign-in
// with a second factor, the portal's strings, and the per-page accessibility checks.
// run.sh sets the environment; see docs/TESTING.md.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

/** Base URL of the running `oqu serve`, without a trailing slash. */
export const BASE = (process.env.OQU_BASE_URL || '').replace(/\/$/, '');
/** The three languages of the portal, in the order the header lists them. */
export const LANGS = ['kk', 'ru', 'en'];
/** True when the binary knows `oqu demo`: only then can the sign-in tests run. */
export const HAS_DEMO = process.env.OQU_HAS_DEMO === '1';
/** Why the sign-in tests are skipped, or false when they run. */
export const SKIP_WITHOUT_DEMO = HAS_DEMO ? false : '`oqu demo` is not a command of this binary yet';

/** The phone viewport every page must fit without horizontal scrolling. */
export const PHONE = { width: 360, height: 740 };
/** The desktop viewport of the journey. */
export const DESKTOP = { width: 1280, height: 800 };
/** Budget for the CSS and JavaScript a page loads, in bytes (uncompressed, so an upper bound). */
export const ASSET_BUDGET = 100_000;
/** axe-core rule tags checked: WCAG 2.0 and 2.1, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

if (!BASE) throw new Error('OQU_BASE_URL is not set: run the suite through tests/browser/run.sh');

const tmp = process.env.OQU_BROWSER_TMP || process.env.TMPDIR || '/tmp';

// The network is closed: without these Chromium keeps dialling Google services.
const CHROMIUM_ARGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches Debian's Chromium (never a Playwright download) with a fresh profile. */
export async function launchBrowser() {
    return chromium.launch({
        executablePath: process.env.OQU_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
    });
}

/** A new isolated context (own cookies) on the portal (or on `base`, a test's own server). */
export async function newContext(browser, viewport = PHONE, base = BASE) {
    const context = await browser.newContext({ baseURL: base, viewport, locale: 'en-US' });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    return context;
}

/** The demo accounts printed by `oqu demo --json`, one per role; [] without the demo. */
export function demoAccounts() {
    if (!HAS_DEMO) return [];
    const file = process.env.OQU_BROWSER_ACCOUNTS;
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!Array.isArray(parsed.accounts) || parsed.accounts.length === 0) {
        throw new Error(`${file}: no "accounts" list in the output of oqu demo --json`);
    }
    // A second factor enrolled by an earlier test of this run (see enrolSecondFactor).
    for (const account of parsed.accounts) {
        const enrolled = enrolledSecretFile(account);
        if (!account.totp_secret && fs.existsSync(enrolled)) account.totp_secret = fs.readFileSync(enrolled, 'utf8');
    }
    return parsed.accounts;
}

function enrolledSecretFile(account) {
    return path.join(tmp, `enrolled-${crypto.createHash('sha256').update(account.login).digest('hex').slice(0, 16)}`);
}

/** The demo account of a role, or undefined. */
export function accountOf(role) {
    return demoAccounts().find((a) => a.role === role);
}

/** All strings of one language, merged from every module's strings/<lang>.json. */
export function strings(lang) {
    const root = process.env.OQU_RESOURCE_DIR;
    const merged = {};
    const walk = (dir) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (entry.name === 'strings') {
                    const file = path.join(full, `${lang}.json`);
                    if (fs.existsSync(file)) Object.assign(merged, JSON.parse(fs.readFileSync(file, 'utf8')));
                } else if (entry.name !== 'tests' && !entry.name.startsWith('.')) {
                    walk(full);
                }
            }
        }
    };
    walk(root);
    return merged;
}

// ---------------------------------------------------------------------------------------------
// Second factor: RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits).

function base32Decode(text) {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const clean = text.toUpperCase().replace(/[\s=-]/g, '');
    let bits = 0;
    let value = 0;
    const out = [];
    for (const ch of clean) {
        const idx = alphabet.indexOf(ch);
        if (idx < 0) throw new Error(`totp_secret is not base32 (character ${JSON.stringify(ch)})`);
        value = (value << 5) | idx;
        bits += 5;
        if (bits >= 8) {
            out.push((value >>> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return Buffer.from(out);
}

/** The 6-digit TOTP code of a base32 secret for a 30-second step number. */
export function totp(secret, step) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(step));
    const mac = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest();
    const offset = mac[mac.length - 1] & 0x0f;
    const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
    return String(code).padStart(6, '0');
}

/**
 * A code for a secret that this run has not used yet. The server refuses a reused code by
 * design, so the last step used per secret is kept in a file (the test files run one after
 * another, in separate processes) and we wait for the next step when needed. A code is not
 * handed out in the last 3 s of its step, so it cannot expire on its way to the server.
 */
export async function freshTotp(secret) {
    const file = path.join(tmp, `totp-${crypto.createHash('sha256').update(secret).digest('hex').slice(0, 16)}`);
    const last = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : -1;
    for (;;) {
        const now = Date.now();
        const step = Math.floor(now / 30_000);
        const left = (step + 1) * 30_000 - now;
        if (step > last && left > 3_000) {
            fs.writeFileSync(file, String(step));
            return totp(secret, step);
        }
        await sleep(left + 250);
    }
}

// ---------------------------------------------------------------------------------------------
// Sign-in.

/** Path of a page URL. */
export function pathOf(page) {
    return new URL(page.url()).pathname;
}

/**
 * Activates `locator` (a click, or `key` pressed on the focused element) and waits until the
 * page has navigated to and loaded the next document (after any redirects).
 */
export async function clickAndWait(page, locator, key = null) {
    const navigated = page.waitForEvent('framenavigated', {
        predicate: (frame) => frame === page.mainFrame(),
        timeout: 30_000,
    });
    try {
        if (key) await page.keyboard.press(key);
        else await locator.click();
    } catch (err) {
        navigated.catch(() => {}); // the click failed: nobody waits for the navigation any more
        throw err;
    }
    await navigated;
    await page.waitForLoadState('load');
}

/**
 * Signs in through the login form (and the second-factor form when the account has one) and
 * waits for the dashboard. Throws with the page's text when the portal refuses.
 */
export async function signIn(page, account) {
    await page.goto('/login');
    await page.locator('input[name="login"]').fill(account.login);
    await page.locator('input[name="password"]').fill(account.password);
    await clickAndWait(page, page.locator('form:has(input[name="password"]) [type="submit"]').first());
    if (pathOf(page) === '/login/second-factor') {
        if (!account.totp_secret) throw new Error(`${account.role}: second factor asked, but no totp_secret`);
        await page.locator('input[name="code"]').fill(await freshTotp(account.totp_secret));
        await clickAndWait(page, page.locator('form:has(input[name="code"]) [type="submit"]').first());
    }
    if (pathOf(page) === '/account/second-factor') await enrolSecondFactor(page, account);
    if (pathOf(page) !== '/dashboard') {
        const text = (await page.locator('main').innerText().catch(() => '')).slice(0, 400);
        throw new Error(`${account.role} (${account.login}): sign-in ended at ${page.url()}, not /dashboard: ${text}`);
    }
}

/**
 * Completes the enrolment a role with administrative rights must do at its first sign-in when
 * the account has no second factor yet: start, read the secret shown beside the QR code, confirm
 * with a code, then continue from the recovery codes to the dashboard. The secret is kept for
 * the rest of the run, so later sign-ins answer the second-factor question.
 */
async function enrolSecondFactor(page, account) {
    const start = page.locator('main form[action$="/second-factor/start"] [type="submit"]');
    if ((await start.count()) > 0) await clickAndWait(page, start.first());
    const secret = (await page.locator('main code').first().innerText()).replace(/\s+/g, '');
    account.totp_secret = secret;
    fs.writeFileSync(enrolledSecretFile(account), secret);
    await page.locator('main input[name="code"]').fill(await freshTotp(secret));
    await clickAndWait(page, page.locator('main form:has(input[name="code"]) [type="submit"]').first());
    const onward = page.locator('main a[href="/dashboard"]');
    if (pathOf(page) !== '/dashboard' && (await onward.count()) > 0) await clickAndWait(page, onward.first());
}

/** Clicks the header's language link for `lang` and waits for the page in that language. */
export async function switchLanguage(page, lang) {
    const link = page.locator(`header nav a[hreflang="${lang}"]`);
    if ((await link.count()) !== 1) throw new Error(`${pathOf(page)}: no single header link a[hreflang=${lang}]`);
    await clickAndWait(page, link);
    const got = await page
        .waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 5_000 })
        .then(() => lang)
        .catch(() => page.getAttribute('html', 'lang'));
    if (got !== lang) {
        throw new Error(`${pathOf(page)}: after clicking the "${lang}" language link, html[lang] is ${JSON.stringify(got)}`);
    }
}

// ---------------------------------------------------------------------------------------------
// Per-page checks.

/** The dedupe key of a page: its path with numeric and opaque ids replaced by ":id", codes by ":code". */
export function pageKey(url) {
    const u = new URL(url, BASE);
    return u.pathname
        .split('/')
        .map((seg) => (/^\d+$|^(?=.*\d)[0-9a-f]{8,}$|^[0-9a-f-]{36}$/i.test(seg) ? ':id' : seg))
        // Classifier and programme codes (6B013, B049, 7M06101): one page of each kind is enough.
        .map((seg) => (/^(?=.*\d)[0-9A-Z]{3,12}$/.test(seg) ? ':code' : seg))
        .join('/');
}

/** Same-origin GET links of the page worth crawling (no logout, language switch, data-no-crawl, static files). */
export async function crawlableLinks(page) {
    const hrefs = await page.$$eval('a[href]', (as) =>
        as
            .filter((a) => !a.closest('[data-no-crawl]') && !a.hasAttribute('hreflang') && !a.hasAttribute('download'))
            .map((a) => a.href),
    );
    const out = [];
    for (const href of hrefs) {
        const u = new URL(href);
        if (u.origin !== new URL(BASE).origin) continue;
        if (/^\/(logout|static\/|metrics|healthz)/.test(u.pathname) || /\/logout$/.test(u.pathname)) continue;
        if (u.searchParams.has('lang')) continue;
        u.hash = '';
        out.push(u.toString());
    }
    return out;
}

const assetSizes = new Map();

/** Bytes of CSS and JavaScript the page loads (files and inline), uncompressed. */
async function assetBytes(page) {
    const { urls, inline } = await page.evaluate(() => {
        const list = new Set();
        for (const l of document.querySelectorAll('link[href]')) {
            const rel = (l.getAttribute('rel') || '').toLowerCase();
            if (/stylesheet|modulepreload/.test(rel) || (rel === 'preload' && /style|script/.test(l.as))) list.add(l.href);
        }
        for (const s of document.querySelectorAll('script[src]')) list.add(s.src);
        for (const e of performance.getEntriesByType('resource')) {
            if (e.initiatorType === 'script' || /\.(css|m?js)(\?|$)/.test(new URL(e.name).pathname)) list.add(e.name);
        }
        let inlineBytes = 0;
        for (const el of document.querySelectorAll('style, script:not([src])')) inlineBytes += new Blob([el.textContent]).size;
        return { urls: [...list], inline: inlineBytes };
    });
    let total = inline;
    for (const url of urls) {
        if (!assetSizes.has(url)) {
            const resp = await page.request.get(url);
            assetSizes.set(url, (await resp.body()).length);
        }
        total += assetSizes.get(url);
    }
    return { total, urls };
}

/** Formats one axe violation node as an actionable line. */
function describeViolation(where, v, node) {
    const why = (node.failureSummary || '').replace(/\s+/g, ' ').trim();
    return `${where}: axe ${v.id} [${v.impact}] at ${JSON.stringify(node.target)}: ${v.help}. ${why}`;
}

/**
 * Runs every per-page check on the loaded page and returns the problems as readable lines
 * (empty when the page passes): axe-core serious/critical violations, one h1, html[lang],
 * a skip link to #main, no horizontal scroll at 360 px, and the CSS+JS budget.
 */
export async function checkPage(page, lang, label = '') {
    const where = `${pageKey(page.url())} [${lang}]${label ? ' ' + label : ''}`;
    const problems = [];

    const facts = await page.evaluate(() => ({
        lang: document.documentElement.getAttribute('lang'),
        h1: document.querySelectorAll('h1').length,
        skip: !!document.querySelector('a[href="#main"]') && !!document.getElementById('main'),
        mainLandmark: document.getElementById('main')?.tagName === 'MAIN',
        scrollWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
    }));
    if (facts.lang !== lang) problems.push(`${where}: html[lang] is ${JSON.stringify(facts.lang)}, expected "${lang}"`);
    if (facts.h1 !== 1) problems.push(`${where}: ${facts.h1} h1 elements, expected exactly 1`);
    if (!facts.skip) problems.push(`${where}: no skip link a[href="#main"] with a #main target`);
    if (!facts.mainLandmark) problems.push(`${where}: #main is not the <main> landmark`);
    if (facts.viewport <= PHONE.width && facts.scrollWidth > PHONE.width) {
        const wide = await page.evaluate((limit) => {
            // The innermost elements whose box or content reaches past the right edge.
            const right = (el) => {
                const r = el.getBoundingClientRect();
                return Math.max(r.right, r.left + el.scrollWidth);
            };
            const wide = [...document.body.querySelectorAll('*')].filter((el) => right(el) > limit + 0.5);
            return wide
                .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
                .slice(0, 3)
                .map((el) => {
                    const classes = [...el.classList].map((c) => '.' + c).join('');
                    const text = (el.textContent || '').trim().slice(0, 30);
                    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes} "${text}" (to ${Math.round(right(el))}px)`;
                });
        }, PHONE.width);
        problems.push(`${where}: scrolls sideways at ${PHONE.width}px (scrollWidth ${facts.scrollWidth}); too wide: ${wide.join(', ')}`);
    }

    const assets = await assetBytes(page);
    if (assets.total >= ASSET_BUDGET) {
        problems.push(`${where}: CSS+JS is ${assets.total} bytes, budget ${ASSET_BUDGET} (${assets.urls.join(', ')})`);
    }

    // Legacy mode runs axe in the page itself instead of opening a blank page per run for the
    // cross-frame merge: about 40% faster, and the portal's pages have no frames.
    const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
    for (const v of result.violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        for (const node of v.nodes) problems.push(describeViolation(where, v, node));
    }
    return problems;
}

/** Fails the test with every problem, one per line, so a failure says what to fix and where. */
export function reportProblems(problems, what) {
    if (problems.length === 0) return;
    const unique = [...new Set(problems)];
    assert.fail(`${unique.length} problem(s) in ${what}:\n  - ${unique.join('\n  - ')}`);
}
