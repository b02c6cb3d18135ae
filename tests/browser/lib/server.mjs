// An `oqu serve` of a test's own, for tests that must stop, kill or restart the server (the
// suite's shared server must never be touched). run.sh exports OQU_BIN and OQU_BROWSER_PRISTINE
// (a copy of the fresh demo database and data folder, made before the shared server started);
// each OwnServer copies that again into a folder of its own and listens on a port the kernel picks
// at the first start, and on that same port after a restart, so open pages keep their origin.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const BIN = process.env.OQU_BIN || '';
const PRISTINE = process.env.OQU_BROWSER_PRISTINE || '';

/** Why a test needing its own server is skipped, or false when it can run. */
export const SKIP_WITHOUT_OWN_SERVER =
    BIN && PRISTINE && fs.existsSync(path.join(PRISTINE, 'oqu.db'))
        ? false
        : 'run.sh did not export OQU_BIN and OQU_BROWSER_PRISTINE (the demo database copy)';

/** The end of a server log: the sanitizer's report when there is one, else the last lines. */
function logTail(file) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const at = text.search(/ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|runtime error:/);
    if (at >= 0) return text.slice(at, at + 4000);
    return text.split('\n').slice(-20).join('\n');
}

export class OwnServer {
    /** `name`: the folder under the run's temp folder (database, data, logs). */
    constructor(name) {
        const tmp = process.env.OQU_BROWSER_TMP || process.env.TMPDIR || '/tmp';
        this.dir = path.join(tmp, name);
        fs.rmSync(this.dir, { recursive: true, force: true });
        fs.mkdirSync(this.dir, { recursive: true });
        for (const f of fs.readdirSync(PRISTINE)) {
            fs.cpSync(path.join(PRISTINE, f), path.join(this.dir, f), { recursive: true });
        }
        this.db = `sqlite:${path.join(this.dir, 'oqu.db')}`;
        this.log = path.join(this.dir, 'serve.err');
        this.port = 0;
        this.base = '';
        this.child = null;
        this.exited = null;
    }

    /** Starts the server (on the port of the first start, once there was one) and waits for /healthz. */
    async start(timeoutMs = 60_000) {
        if (this.child) throw new Error('OwnServer.start: already running');
        const err = fs.openSync(this.log, 'a');
        const out = fs.createWriteStream(path.join(this.dir, 'serve.out'), { flags: 'a' });
        const child = spawn(BIN, ['serve', '--db', this.db, '--listen', `127.0.0.1:${this.port}`], {
            env: { ...process.env, OQU_DATA_DIR: path.join(this.dir, 'data') },
            stdio: ['ignore', 'pipe', err],
        });
        fs.closeSync(err);
        this.child = child;
        this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
        let printed = '';
        const address = new Promise((resolve) => {
            child.stdout.on('data', (chunk) => {
                out.write(chunk);
                printed += chunk.toString();
                const m = printed.match(/http:\/\/127\.0\.0\.1:(\d+)/);
                if (m) resolve(Number(m[1]));
            });
        });
        const deadline = Date.now() + timeoutMs;
        const port = await Promise.race([
            address,
            this.exited.then(({ code, signal }) => {
                throw new Error(`oqu serve exited before it was ready (${signal || code}):\n${logTail(this.log)}`);
            }),
            sleep(timeoutMs).then(() => null),
        ]);
        if (!port) throw new Error(`oqu serve did not print its address within ${timeoutMs} ms:\n${logTail(this.log)}`);
        if (this.port && port !== this.port) throw new Error(`oqu serve bound ${port}, not ${this.port}`);
        this.port = port;
        this.base = `http://127.0.0.1:${port}`;
        for (;;) {
            const ok = await fetch(`${this.base}/healthz`).then((r) => r.ok, () => false);
            if (ok) return;
            if (Date.now() > deadline) throw new Error(`${this.base}/healthz does not answer 200:\n${logTail(this.log)}`);
            await sleep(100);
        }
    }

    /** SIGKILL: the process dies at once, as in a crash or a power cut; no clean-up runs. */
    async kill() {
        if (!this.child) return;
        this.child.kill('SIGKILL');
        const { signal } = await this.exited;
        this.child = null;
        if (signal !== 'SIGKILL') throw new Error(`oqu serve ended by ${signal}, not by SIGKILL`);
    }

    /** SIGTERM, and the server must stop cleanly (exit code 0: no sanitizer report). */
    async stop() {
        if (!this.child) return;
        this.child.kill('SIGTERM');
        const { code, signal } = await this.exited;
        this.child = null;
        if (code !== 0) throw new Error(`oqu serve did not stop cleanly on SIGTERM (${signal || code}):\n${logTail(this.log)}`);
    }

    /** Error and warning records of the server's log, for a failure's message. */
    problems() {
        const text = fs.existsSync(this.log) ? fs.readFileSync(this.log, 'utf8') : '';
        return text.split('\n').filter((l) => /"level":"(error|warn)"/.test(l)).slice(-20);
    }
}
