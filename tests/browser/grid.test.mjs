// The marks grid (gradebook/static/grid.js) in a browser: the demo teacher types marks with the
// keyboard only, each is saved in the background (the cell shows "saved"), a reload shows them
// from the database; a mark typed while the network is gone waits ("offline") and is sent again
// when it comes back.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DESKTOP, SKIP_WITHOUT_DEMO, accountOf, clickAndWait, launchBrowser, newContext, signIn } from './lib/oqu.mjs';

let browser;
before(async () => {
    browser = await launchBrowser();
});
after(async () => {
    await browser?.close();
});

/** Waits until the cell (r, c) has the state class `name` ("saved", "offline", ...). */
function waitState(page, r, c, name, timeout = 20_000) {
    return page.waitForFunction(
        ([row, col, cls]) => document.querySelector(`input.mark[data-r="${row}"][data-c="${col}"]`)?.classList.contains(cls),
        [r, c, name],
        { timeout },
    );
}

function cell(page, r, c) {
    return page.locator(`input.mark[data-r="${r}"][data-c="${c}"]`);
}

test('grid: keyboard marks save in the background and survive a reload; offline ones are resent', { skip: SKIP_WITHOUT_DEMO, timeout: 3 * 60_000 }, async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await signIn(page, accountOf('teacher'));
    await page.goto('/gradebook?lang=en');
    const journal = page.locator('main a[href^="/gradebook/journals/"]:not([href$="/new"])').first();
    assert.ok((await journal.count()) > 0, 'the demo teacher sees a journal');
    await clickAndWait(page, journal);
    assert.ok((await page.locator('input.mark').count()) >= 3, 'the teacher may enter marks in the journal');
    // The last week's column (c = 14) of the first two rows, and RK2 (c = 16) of the first row:
    // cells the demo leaves empty early in the semester or fills; new values either way.
    const typed = [[0, 14, '71'], [1, 14, '72']];
    await cell(page, 0, 14).click();
    for (const [, , mark] of typed) {
        await page.keyboard.press('Control+A');
        await page.keyboard.type(mark);
        await page.keyboard.press('Enter');  // moves down a row: the change is saved in the background
    }
    for (const [r, c] of typed) await waitState(page, r, c, 'saved');
    assert.equal(await page.locator('[role="status"][aria-live], [aria-live="polite"]').count() > 0, true, 'a live region announces the state');

    // Offline: the save waits and is sent again when the network is back.
    await context.setOffline(true);
    await cell(page, 0, 16).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('33');
    await page.keyboard.press('Enter');
    await waitState(page, 0, 16, 'offline');
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitState(page, 0, 16, 'saved', 45_000);

    await page.reload();
    assert.equal(await cell(page, 0, 14).inputValue(), '71');
    assert.equal(await cell(page, 1, 14).inputValue(), '72');
    assert.equal(await cell(page, 0, 16).inputValue(), '33');
    await context.close();
});
