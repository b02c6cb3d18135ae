// Keyboard use: the skip link comes first and works, every focus stop is visibly marked, and the
// sign-in form can be filled and sent with Tab and Enter alone.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
    DESKTOP, SKIP_WITHOUT_DEMO, clickAndWait, demoAccounts, freshTotp, launchBrowser, newContext, pathOf,
    reportProblems,
} from './lib/oqu.mjs';

let browser;
before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    await browser?.close();
});

/** What has the focus, and whether it is visibly marked (outline or box-shadow on :focus-visible). */
function focusState(page) {
    return page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return { tag: 'body' };
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow && s.boxShadow !== 'none';
        const r = el.getBoundingClientRect();
        return {
            tag: el.tagName.toLowerCase(),
            name: el.getAttribute('name') || '',
            describe:
                `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.name ? `[name=${el.name}]` : ''}` +
                ` "${(el.innerText || el.value || '').trim().slice(0, 30)}"`,
            focusVisible: el.matches(':focus-visible'),
            marked: outline || shadow,
            onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
        };
    });
}

/** Presses Tab until the focus is on `input[name=<name>]`; fails after `limit` presses. */
async function tabTo(page, name, problems, limit = 40) {
    for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const f = await focusState(page);
        if (f.tag !== 'body' && !(f.focusVisible && f.marked)) problems.push(`${pathOf(page)}: focus on ${f.describe} is not visible`);
        if (f.tag === 'input' && f.name === name) return;
    }
    assert.fail(`${pathOf(page)}: ${limit} Tab presses never reached input[name=${name}]`);
}

test('home page: the skip link comes first and works; every focus stop is visible', { timeout: 60_000 }, async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    const problems = [];
    await page.goto('/?lang=en');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    assert.equal(first, '#main', 'the first Tab stop is the skip link');
    const skip = await focusState(page);
    assert.ok(skip.onScreen, 'the focused skip link is on screen');
    assert.ok(skip.marked, 'the focused skip link has a visible focus mark');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'Enter on the skip link moves focus to <main>');

    // Walk all stops from the top once; the focus ring must show on each.
    await page.goto('/?lang=en');
    const seen = new Set();
    for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const f = await focusState(page);
        if (f.tag === 'body' || seen.has(f.describe)) break;
        seen.add(f.describe);
        if (!f.focusVisible || !f.marked) problems.push(`/: focus on ${f.describe} is not visibly marked`);
        if (!f.onScreen) problems.push(`/: focus on ${f.describe} is off screen`);
    }
    assert.ok(seen.size >= 4, `only ${seen.size} focus stops on the home page`);
    await context.close();
    reportProblems(problems, 'keyboard focus on the home page');
});

test('sign-in with the keyboard only', { skip: SKIP_WITHOUT_DEMO, timeout: 3 * 60_000 }, async () => {
    // Prefer an account without a second factor; the second-factor form is then tested if all have one.
    const accounts = demoAccounts();
    const account = accounts.find((a) => !a.totp_secret) || accounts[0];
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    const problems = [];
    await page.goto('/login?lang=en');
    await tabTo(page, 'login', problems);
    await page.keyboard.type(account.login);
    await tabTo(page, 'password', problems);
    await page.keyboard.type(account.password);
    await clickAndWait(page, null, 'Enter');
    if (pathOf(page) === '/login/second-factor') {
        await tabTo(page, 'code', problems);
        await page.keyboard.type(await freshTotp(account.totp_secret));
        await clickAndWait(page, null, 'Enter');
    }
    assert.equal(pathOf(page), '/dashboard', `${account.role} signed in with the keyboard lands on the dashboard`);
    await context.close();
    reportProblems(problems, 'keyboard sign-in');
});
