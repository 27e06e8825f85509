import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startCluster } from '../../ops/lib/cluster';
import { ROOT, startAppProcess } from '../helpers/server-process';

const MAIN = path.join(ROOT, 'server/dist/main.js');
type Ready = { status: string; applied: number };

function runMain(env: Record<string, string>) {
  return spawnSync(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('the server process', () => {
  it('exits non-zero with one readable line for PORT=abc', () => {
    const r = runMain({ PORT: 'abc' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")',
    ]);
  });

  it('exits non-zero with one readable line for DATABASE_URL=nonsense', () => {
    const r = runMain({ DATABASE_URL: 'nonsense' });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: DATABASE_URL must be a URL like postgres:/);
  });

  it('exits non-zero with one line when PostgreSQL cannot be reached', () => {
    const r = runMain({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot open PostgreSQL \(DATABASE_URL\): ECONNREFUSED/);
  });

  it("never serves the web build's source maps, and its JS does not point to them", async () => {
    const dist = path.join(ROOT, 'web/dist/assets');
    // the build keeps them on disk (hidden) for the bundle checks of bench/lib/checks.ts
    expect(fs.readdirSync(dist).filter((f) => f.endsWith('.js.map')).length).toBeGreaterThan(0);
    const app = await startAppProcess();
    try {
      const html = await (await fetch(`${app.url}/`)).text();
      const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
      const all = fs.readdirSync(dist).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
      expect(scripts.length).toBeGreaterThan(0);
      for (const file of all) {
        const r = await fetch(`${app.url}/assets/${file}`);
        expect(r.status, file).toBe(200);
        expect(await r.text(), file).not.toMatch(/sourceMappingURL/);
        expect(r.headers.get('sourcemap') ?? r.headers.get('x-sourcemap'), file).toBeNull();
        const map = await fetch(`${app.url}/assets/${file}.map`);
        expect(map.status, `${file}.map`).toBe(404);
        expect(await map.text()).not.toContain('sourcesContent');
      }
      const first = all.find((f) => f.endsWith('.js'))!;
      for (const p of [
        `/assets/${first}.MAP`,
        `/assets/${first}%2Emap`,
        `/assets/${first}.ma%70`,
        `/assets/${first}.map/`,
        '/index.js.map',
      ]) {
        expect((await fetch(`${app.url}${p}`)).status, p).toBe(404);
      }
    } finally {
      expect(await app.stop()).toBe(0);
    }
  });

  it('stops cleanly on SIGTERM and SIGINT (exit 0), and keeps its data across restarts', async () => {
    const first = await startAppProcess({ env: { LOG_LEVEL: 'info' } });
    const info1 = (await (await fetch(`${first.url}/readyz`)).json()) as Ready;
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('Masar stopped');

    const second = await startAppProcess({ dataDir: first.dataDir });
    const info2 = (await (await fetch(`${second.url}/readyz`)).json()) as Ready;
    expect(info1.status).toBe('ready');
    expect(info2.applied).toBe(info1.applied);
    expect(await second.stop('SIGINT')).toBe(0);
  });

  it('on SIGTERM, a request in flight completes (and closes its connection) before the process exits 0', async () => {
    const app = await startAppProcess({ env: { LOG_LEVEL: 'info' } });
    const socket = net.connect(app.port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      received += d;
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const until = (ok: () => boolean, what: string) =>
      vi.waitFor(
        () => {
          if (!ok()) throw new Error(`still waiting for ${what}; got:\n${received}`);
        },
        { timeout: 20_000, interval: 20 },
      );
    const body = JSON.stringify({
      json: { name: 'Drained Request', email: 'drained@example.test', password: 'a-long-unusual-passphrase' },
    });
    // Headers first, with Expect: 100-continue: the "100 Continue" answer proves the server has
    // taken the request on. The body follows only after SIGTERM.
    socket.write(
      [
        'POST /trpc/auth.signUp HTTP/1.1',
        `Host: 127.0.0.1:${app.port}`,
        `Origin: ${app.url}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: keep-alive',
        'Expect: 100-continue',
        '',
        '',
      ].join('\r\n'),
    );
    await until(() => received.includes('100 Continue'), 'the 100 Continue');
    app.child.kill('SIGTERM');
    await until(() => app.output().includes('shutting down'), 'the server to start shutting down');
    socket.write(body);
    await closed;
    const response = received.slice(received.indexOf('\r\n\r\n') + 4);
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response.toLowerCase()).toContain('\r\nconnection: close\r\n');
    expect(response).toContain('Drained Request');
    expect(await app.stop('SIGTERM')).toBe(0);
    expect(app.output()).toContain('Masar stopped');
  });

  it('rides out a PostgreSQL restart: /readyz says 503 while it is down, then the same process serves again', async () => {
    const cluster = await startCluster();
    try {
      const app = await startAppProcess({ env: { DATABASE_URL: cluster.appUrl } });
      const readyz = async () => {
        const r = await fetch(`${app.url}/readyz`);
        return { status: r.status, body: (await r.json()) as { status: string } };
      };
      const poll = (want: number) =>
        vi.waitFor(
          async () => {
            const r = await readyz();
            expect(r.status).toBe(want);
            return r;
          },
          { timeout: 30_000, interval: 200 },
        );
      expect((await readyz()).status).toBe(200);
      cluster.stop('fast');
      expect(await poll(503)).toEqual({ status: 503, body: { status: 'database-unreachable', database: 'postgres' } });
      // a request that needs the database meanwhile: 503 "try again", not a 500
      const logIn = await fetch(`${app.url}/trpc/auth.logIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify({ json: { email: 'someone@example.com', password: 'a-long-password' } }),
      });
      expect(logIn.status).toBe(503);
      const failure = (await logIn.json()) as { error: { json: { message: string; data: { code: string } } } };
      expect(failure.error.json.message).toBe('errors.unavailable');
      expect(failure.error.json.data.code).toBe('SERVICE_UNAVAILABLE');
      cluster.start();
      expect((await poll(200)).status).toBe(200);
      const info = await fetch(`${app.url}/trpc/system.info`);
      expect(info.status).toBe(200);
      expect(app.child.exitCode).toBeNull();
      expect(await app.stop('SIGTERM')).toBe(0);
    } finally {
      cluster.destroy();
    }
  });
});
