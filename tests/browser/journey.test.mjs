// The journey of issue 3: sign in as the dean's office, switch to Russian (remembered across
// pages), switch to English, create a programme through the UI, see it listed, sign out.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
    DESKTOP, SKIP_WITHOUT_DEMO, accountOf, clickAndWait, demoAccounts, launchBrowser, newContext, pathOf,
    signIn, strings, switchLanguage,
} from './lib/oqu.mjs';

let browser;
before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    await browser?.close();
});

/** Clicks the first visible link whose accessible name matches, and waits for the page. */
async function followLink(page, name) {
    const link = page.getByRole('link', { name }).filter({ visible: true }).first();
    if ((await link.count()) === 0) return false;
    await clickAndWait(page, link);
    return true;
}

/**
 * Fills every visible, empty field of the programme form with a valid-looking value; the name
 * fields get `title`. The contract names only the page, so the values follow the field's
 * name, type and constraints (min, max, options).
 */
async function fillProgrammeForm(form, title, uniq) {
    const fields = form.locator('input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea');
    const count = await fields.count();
    for (let i = 0; i < count; i++) {
        const field = fields.nth(i);
        if (!(await field.isVisible()) || !(await field.isEditable().catch(() => false))) continue;
        const info = await field.evaluate((el) => ({
            tag: el.tagName.toLowerCase(), type: (el.getAttribute('type') || '').toLowerCase(),
            name: el.name || el.id || '', value: el.value, min: el.min, max: el.max, required: el.required,
            checked: el.checked,
        }));
        const name = info.name.toLowerCase();
        if (info.tag === 'select') {
            const options = await field.locator('option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== ''));
            if (!info.value && options.length > 0) await field.selectOption(options[0]);
            continue;
        }
        if (info.type === 'checkbox' || info.type === 'radio') {
            if (info.required && !info.checked) await field.check();
            continue;
        }
        if (info.value) continue;
        let value;
        if (info.type === 'number' || info.type === 'range') {
            const min = info.min !== '' ? Number(info.min) : undefined;
            const max = info.max !== '' ? Number(info.max) : undefined;
            value = /credit/.test(name) ? 240 : /year|duration|term/.test(name) ? 4 : 1;
            if (min !== undefined && value < min) value = min;
            if (max !== undefined && value > max) value = max;
            value = String(value);
        } else if (info.type === 'date') {
            value = new Date().toISOString().slice(0, 10);
        } else if (info.type === 'email') {
            value = `programme${uniq}@example.edu.kz`;
        } else if (/direction/.test(name)) {
            value = 'B049';  // a bachelor group of the classifier (law)
        } else if (/code/.test(name)) {
            value = `6B061${String(uniq % 100).padStart(2, '0')}`;
        } else if (info.tag === 'textarea') {
            value = 'Created by the browser test.';
        } else {
            value = title;
        }
        await field.fill(value);
    }
}

test('dean’s office: language, a new programme, sign-out', { skip: SKIP_WITHOUT_DEMO, timeout: 5 * 60_000 }, async (t) => {
    const account = accountOf('deans_office') || accountOf('it_admin');
    assert.ok(account, `no deans_office or it_admin among the demo roles: ${demoAccounts().map((a) => a.role)}`);
    const ru = strings('ru');
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();

    await signIn(page, account);

    // Russian, chosen in the header, stays on for the pages that follow.
    await switchLanguage(page, 'ru');
    const footer = page.locator('footer');
    await assert.doesNotReject(footer.getByText(ru['web.footer'], { exact: true }).waitFor(), 'Russian footer');
    await page.goto('/dashboard');
    assert.equal(await page.getAttribute('html', 'lang'), 'ru', 'Russian remembered after navigation');
    assert.equal(await page.locator('a[href="#main"]').innerText(), ru['web.skip_to_content']);
    await assert.doesNotReject(footer.getByText(ru['web.footer'], { exact: true }).waitFor());

    // English, then the programme form, found through the UI.
    await switchLanguage(page, 'en');
    if (!(await followLink(page, /programmes/i))) {
        if (await followLink(page, /academic/i)) await followLink(page, /programmes/i);
    }
    if (!/\/programmes\/?$/.test(pathOf(page))) {
        t.diagnostic(`no "Programmes" link reached from the dashboard (at ${page.url()}); opening /academics/programmes`);
        await page.goto('/academics/programmes');
    }
    const listUrl = page.url();
    assert.equal(await page.locator('h1').count(), 1, `the programme list at ${listUrl} has one h1`);
    assert.doesNotMatch(await page.title(), /not found/i, `the programme list at ${listUrl} exists`);
    if (!(await followLink(page, /^(new|add|create)\b.*|.*\bnew programme/i))) {
        t.diagnostic(`no "New programme" link on ${listUrl}; opening /academics/programmes/new`);
        await page.goto('/academics/programmes/new');
    }
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const uniq = Date.now() % 10_000_000;
    const title = `Browser test programme ${uniq}`;
    const form = page.locator('main form[method="post" i]:has([type="submit"])').first();
    if ((await form.count()) === 0) {
        const h1 = await page.locator('h1').first().innerText().catch(() => '(no h1)');
        assert.fail(`no programme form at ${page.url()} (the page says "${h1}")`);
    }
    await fillProgrammeForm(form, title, uniq);
    await clickAndWait(page, form.locator('[type="submit"]').first());
    if (/\/new$/.test(pathOf(page)) || (await page.locator('main [role="alert"], main .error, main [aria-invalid="true"]').count()) > 0) {
        assert.fail(`the programme form was refused at ${page.url()}: ${(await page.locator('main').innerText()).slice(0, 600)}`);
    }
    await page.goto(listUrl);
    await assert.doesNotReject(
        page.locator('main').getByText(title).first().waitFor(),
        `the new programme "${title}" is not listed on ${listUrl}`,
    );

    // Sign out from the header; the dashboard then sends us to the sign-in page.
    const logout = page.locator('header form[action$="/logout"] [type="submit"], header form[action$="/logout"] button').first();
    await clickAndWait(page, logout);
    await page.goto('/dashboard');
    assert.equal(pathOf(page), '/login', `after sign-out /dashboard shows ${page.url()}`);
    assert.equal(await page.locator('input[name="password"]').count(), 1, 'the sign-in form is shown');
    await context.close();
});
