// Accessibility (WCAG 2.1 AA via axe-core) and page rules on every page in kk, ru and en:
// the public pages, then every page each demo role reaches from its dashboard.

import { after, before, describe, test } from 'node:test';

import {
    BASE, DESKTOP, HAS_DEMO, LANGS, PHONE, SKIP_WITHOUT_DEMO, checkPage, crawlableLinks, demoAccounts,
    launchBrowser, newContext, pageKey, pathOf, reportProblems, signIn, switchLanguage,
} from './lib/oqu.mjs';

/** Most distinct pages (by path, ids normalised) crawled per role. */
const MAX_PAGES_PER_ROLE = 200;

let browser;
before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    await browser?.close();
});

/**
 * Loads `url` and checks it; returns false when there is nothing to check (not HTML, or the
 * navigation failed, which is then a problem). `expectStatus` is the status the page must have.
 */
async function visit(page, url, lang, problems, { expectStatus = 200, from = '' } = {}) {
    let response;
    try {
        response = await page.goto(url);
    } catch (err) {
        // A link to a file (Content-Disposition: attachment) is not a page.
        if (/Download is starting/.test(err.message)) return false;
        problems.push(`${pageKey(url)} [${lang}]: navigation failed${from}: ${err.message.split('\n')[0]}`);
        return false;
    }
    if (!response) return false;
    const type = response.headers()['content-type'] || '';
    if (response.status() !== expectStatus) {
        problems.push(`${pageKey(url)} [${lang}]: status ${response.status()}, expected ${expectStatus}${from}`);
    }
    if (!type.startsWith('text/html')) return false;
    problems.push(...(await checkPage(page, lang, page.viewportSize().width > PHONE.width ? '(desktop)' : '')));
    return true;
}

describe('public pages', () => {
    test('home, sign-in and a missing page pass in kk, ru and en, on a phone and a desktop', { timeout: 5 * 60_000 }, async () => {
        const pages = [
            { url: '/', status: 200 },
            { url: '/no-such-page-browser-test', status: 404 },
        ];
        // The sign-in page, once the binary has one (it must when it has the demo).
        const login = await fetch(`${BASE}/login`, { redirect: 'manual' });
        if (HAS_DEMO || login.status === 200) pages.push({ url: '/login', status: 200 });
        const problems = [];
        for (const viewport of [PHONE, DESKTOP]) {
            const context = await newContext(browser, viewport);
            const page = await context.newPage();
            for (const lang of LANGS) {
                await page.goto('/');
                await switchLanguage(page, lang);
                for (const { url, status } of pages) await visit(page, url, lang, problems, { expectStatus: status });
            }
            await context.close();
        }
        reportProblems(problems, `${pages.length} public pages × ${LANGS.length} languages × 2 viewports`);
    });
});

describe('pages of each demo role', () => {
    const accounts = demoAccounts();
    if (accounts.length === 0) {
        test('crawl from the dashboard of every demo role', { skip: SKIP_WITHOUT_DEMO }, () => {});
        return;
    }
    for (const account of accounts) {
        test(`crawl as ${account.role} (${account.login})`, { timeout: 30 * 60_000 }, async (t) => {
            const context = await newContext(browser, PHONE);
            const page = await context.newPage();
            await signIn(page, account);
            const problems = [];
            const found = new Map(); // page key -> URL first seen
            for (const [i, lang] of LANGS.entries()) {
                await page.goto('/dashboard');
                await switchLanguage(page, lang);
                if (i === 0) {
                    // Discover the pages once, breadth first; the other languages revisit them.
                    const queue = [{ url: new URL('/dashboard', BASE).toString(), from: '' }];
                    found.set(pageKey(queue[0].url), queue[0].url);
                    while (queue.length > 0) {
                        const { url, from } = queue.shift();
                        if (!(await visit(page, url, lang, problems, { from }))) continue;
                        if (pathOf(page) === '/login') {
                            problems.push(`${pageKey(url)}: the session ended (redirected to /login)${from}`);
                            break;
                        }
                        for (const link of await crawlableLinks(page)) {
                            const key = pageKey(link);
                            if (found.has(key) || found.size >= MAX_PAGES_PER_ROLE) continue;
                            found.set(key, link);
                            queue.push({ url: link, from: ` (linked from ${pageKey(url)})` });
                        }
                    }
                } else {
                    for (const url of found.values()) await visit(page, url, lang, problems);
                }
            }
            t.diagnostic(`${account.role}: ${found.size} pages: ${[...found.keys()].join(' ')}`);
            await context.close();
            reportProblems(problems, `${found.size} pages × ${LANGS.length} languages as ${account.role}`);
        });
    }
});
