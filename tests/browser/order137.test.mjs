// The workflows of Order 137 in the browser (issue 4): a category-1 distance-learning request
// from the student's application to the dean's office's approval; a request refused at the
// 20 % limit of a Law programme (R-D7); an online student's consent and its withdrawal (R-O7).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
    DESKTOP, SKIP_WITHOUT_DEMO, accountOf, clickAndWait, demoAccounts, launchBrowser, newContext, pathOf, signIn,
    switchLanguage,
} from './lib/oqu.mjs';

let browser;
before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    await browser?.close();
});

/** The demo account with this login. */
function login(name) {
    const account = demoAccounts().find((a) => a.login === name);
    assert.ok(account, `the demo has no account ${name}: ${demoAccounts().map((a) => a.login)}`);
    return account;
}

/** An ISO day `days` from today. */
function day(days) {
    return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A page signed in as `account`, in English. */
async function signedIn(account) {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signIn(page, account);
    await switchLanguage(page, 'en');
    return { context, page };
}

/** Submits the form holding `locator`'s button and returns the main text afterwards. */
async function submit(page, button) {
    await clickAndWait(page, button);
    return page.locator('main').innerText();
}

/**
 * The student applies (category `category`, the first `count(total)` of the `total` disciplines
 * offered); returns the application's URL.
 */
async function apply(account, { category, count, document = false }) {
    const { context, page } = await signedIn(account);
    await page.goto('/dl/applications/new');
    assert.equal(pathOf(page), '/dl/applications/new', 'the application form opens for the student');
    await page.locator(`input[name="category"][value="${category}"]`).check();
    await page.locator('#period_start').fill(day(7));
    await page.locator('#period_end').fill(day(60));
    if (category === 'medical') {
        await page.locator('#mcc_number').fill('МКК-417');
        await page.locator('#mcc_date').fill(day(-3));
    }
    if (document) {
        await page.locator('#document').setInputFiles({
            name: 'mcc-conclusion.pdf',
            mimeType: 'application/pdf',
            buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
        });
    }
    if (category === 'event') await page.locator('#statement').fill('Республикалық олимпиадаға қатысу, 2026.');
    const boxes = page.locator('input[name="discipline"]');
    const total = await boxes.count();
    const wanted = count(total);
    assert.ok(total >= wanted, `the curriculum offers ${total} disciplines, ${wanted} wanted`);
    for (let i = 0; i < wanted; i++) await boxes.nth(i).check();
    const text = await submit(page, page.locator('main form[action="/dl/applications"] button[type="submit"]'));
    assert.match(pathOf(page), /^\/dl\/applications\/\d+$/, `the application was not saved: ${text.slice(0, 400)}`);
    const url = pathOf(page);
    await context.close();
    return url;
}

/** The adviser recommends the application. */
async function review(url) {
    const { context, page } = await signedIn(accountOf('adviser'));
    await page.goto(url);
    await page.locator('#recommend-yes').check();
    const text = await submit(page, page.locator(`main form[action$="/review"] button[type="submit"]`));
    assert.equal(pathOf(page), url, `the review was refused: ${text.slice(0, 400)}`);
    await context.close();
}

/** The dean's office approves; returns the page's main text and status after the attempt. */
async function approve(url) {
    const { context, page } = await signedIn(accountOf('deans_office'));
    await page.goto(url);
    await page.locator('#outcome-approve').check();
    if (!(await page.locator('#grant_start').inputValue())) await page.locator('#grant_start').fill(day(7));
    if (!(await page.locator('#grant_end').inputValue())) await page.locator('#grant_end').fill(day(60));
    const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
    const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/decision'));
    await page.locator(`main form[action$="/decision"] button[type="submit"]`).click();
    const status = (await response).status();
    await navigated;
    await page.waitForLoadState('load');
    const text = await page.locator('main').innerText();
    await context.close();
    return { status, text };
}

test('a category-1 distance-learning request, from application to approval (R-D1, R-D4)', { skip: SKIP_WITHOUT_DEMO, timeout: 5 * 60_000 }, async () => {
    const url = await apply(login('demo.law.student'), { category: 'medical', count: () => 2, document: true });
    await review(url);
    const { status, text } = await approve(url);
    assert.ok(status < 400, `the approval was refused (${status}): ${text.slice(0, 600)}`);
    // The student sees the approved request with its period and an individual plan to come (R-D10).
    const { context, page } = await signedIn(login('demo.law.student'));
    await page.goto(url);
    const mine = await page.locator('main').innerText();
    assert.match(mine, /approved/i, `the student does not see the approval: ${mine.slice(0, 600)}`);
    await context.close();
});

test('a request over the 20 % limit of a Law programme is refused with the numbers (R-D7)', { skip: SKIP_WITHOUT_DEMO, timeout: 5 * 60_000 }, async () => {
    // One discipline more than 20 % of the curriculum, whatever was approved before.
    const url = await apply(login('demo.law.student'), { category: 'event', count: (total) => Math.floor(total * 0.2) + 1 });
    await review(url);
    const { status, text } = await approve(url);
    assert.ok(status >= 400, `an approval above the limit must be refused (status ${status}): ${text.slice(0, 600)}`);
    assert.match(text, /R-D7/, `the refusal names the rule: ${text.slice(0, 600)}`);
    assert.match(text, /20\s?%/, `the refusal names the limit: ${text.slice(0, 600)}`);
    // Nothing changed: the application still waits for a decision.
    const { context, page } = await signedIn(accountOf('deans_office'));
    await page.goto(url);
    assert.equal(await page.locator('#outcome-approve').count(), 1, 'the decision form is still offered');
    await context.close();
});

test('an online student accepts the contract, then withdraws the consent to personal data (R-O7)', { skip: SKIP_WITHOUT_DEMO, timeout: 3 * 60_000 }, async () => {
    const { context, page } = await signedIn(login('demo.online.student'));
    await page.goto('/online/consents');
    const main = page.locator('main');
    // Nothing accepted yet: the online-study pages are blocked, the documents are shown.
    await assert.doesNotReject(main.getByText(/Accept the current versions/).first().waitFor(), 'the blocking notice');
    assert.equal(await main.locator('section h2').count(), 3, 'three contract documents');
    // Accepting needs the box ticked.
    await page.locator('#agree').check();
    let text = await submit(page, main.locator('form[action="/online/consents/accept"] button[type="submit"]'));
    assert.match(text, /All current contract documents are accepted/, `acceptance: ${text.slice(0, 500)}`);
    // Withdrawal is recorded with its time and blocks the pages again.
    text = await submit(page, main.locator('form[action="/online/consents/withdraw"] button[type="submit"]'));
    assert.match(text, /Accept the current versions/, `after withdrawal: ${text.slice(0, 500)}`);
    const history = await main.locator('table tbody tr').allInnerTexts();
    assert.ok(history.some((row) => /\d{4}-\d{2}-\d{2}.*\d{4}-\d{2}-\d{2}/.test(row)),
        `the history shows the withdrawal's time: ${history.join(' | ')}`);
    await context.close();
});
