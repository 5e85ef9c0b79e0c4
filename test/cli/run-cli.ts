import { spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'bin/wfe.js');

/** A fresh SQLite file per test, so CLI runs never share state with each other or with ./data. */
export function tempSqlite(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-cli-')), 'wfe.sqlite');
}

export function wfe(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ...env },
  });
}

/** Starts `wfe serve` and resolves once it prints where it listens. */
export function serve(env: NodeJS.ProcessEnv): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd: REPO, env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ...env } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wfe serve did not start:\n${out}`)), 30_000);
    child.stdout.on('data', () => {
      const m = /listening: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], output: () => out, stop });
      }
    });
    child.once('exit', () => reject(new Error(`wfe serve exited:\n${out}`)));
  });
}

/** `wfe args…` without blocking the event loop, so independent runs go in parallel. */
export function wfeAsync(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
