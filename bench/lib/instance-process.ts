/** One Masar server process for `pnpm bench --instances N` (./instance-main.ts under tsx): start it, stop it. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface Instance {
  name: string;
  url: string;
  pid: number;
  token: string;
  stop(): Promise<void>;
}

const MAIN = path.join(import.meta.dirname, 'instance-main.ts');

/** Starts one server process (tsx), resolves once it listens. */
export function startInstance(
  name: string,
  spec: { databaseUrl: string; githubApiUrl: string; logFile?: string | undefined },
): Promise<Instance> {
  const token = `bench-${name}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: path.dirname(import.meta.dirname),
    env: { ...process.env, BENCH_INSTANCE: JSON.stringify({ ...spec, githubToken: token }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance ${name} did not start within 60 s`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance ${name} exited with code ${code} before listening`));
    });
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const { url, pid } = JSON.parse(line) as { url: string; pid: number };
      resolve({
        name,
        url,
        pid,
        token,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
          await exited;
          clearTimeout(force);
        },
      });
    });
  });
}
