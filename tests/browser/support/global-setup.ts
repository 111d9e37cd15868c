import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot, resultsDir } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234, no trailing slash. */
    baseUrl: string;
    /** SESSIONKIT_ADMIN_TOKEN of the server under test, for `Authorization: Bearer`. */
    adminToken: string;
    /** The dashboard administrator the first test to open the dashboard creates through the UI. */
    adminUserName: string;
    adminPassword: string;
  }
}

const SERVER_DLL = path.join(repoRoot, 'src/Api/bin/Release/net10.0/SessionKit.Api.dll');
const CONTENT_ROOT = path.join(repoRoot, 'src/Api');
const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-40).join('\n');
}

async function waitUntilReady(baseUrl: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the server exited (${server.exitCode ?? server.signalCode}) before it was ready:\n${await logTail(logFile)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/v1/auth/state`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `GET /api/v1/auth/state answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`the server was not ready within ${STARTUP_TIMEOUT_MS} ms (${lastProblem}):\n${await logTail(logFile)}`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = sleep(SHUTDOWN_TIMEOUT_MS).then(() => 'timeout' as const);
  if ((await Promise.race([exited, timer])) === 'timeout') {
    server.kill('SIGKILL');
    await Promise.race([exited, sleep(2_000)]);
  }
}

/** Starts the built server on a free 127.0.0.1 port with a fresh data directory. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(SERVER_DLL)) {
    throw new Error(`${SERVER_DLL} is missing: build the server first (dotnet build src/Api -c Release).`);
  }
  await mkdir(resultsDir, { recursive: true });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sessionkit-browser-tests-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(24).toString('hex');
  const logFile = path.join(resultsDir, 'server.log');
  const log = createWriteStream(logFile);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SESSIONKIT_DATA_DIR: dataDir,
    SESSIONKIT_ADMIN_TOKEN: adminToken,
    DOTNET_NOLOGO: '1',
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  };
  delete env.ASPNETCORE_URLS;

  const server = spawn('dotnet', [SERVER_DLL, '--urls', baseUrl], { cwd: CONTENT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.pipe(log, { end: false });
  server.stderr.pipe(log, { end: false });
  // Should the test run die without teardown, do not leave the server behind.
  const killOnExit = () => server.kill('SIGKILL');
  process.once('exit', killOnExit);

  const teardown = async () => {
    process.removeListener('exit', killOnExit);
    await stopServer(server);
    log.end();
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(baseUrl, server, logFile);
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('baseUrl', baseUrl);
  project.provide('adminToken', adminToken);
  project.provide('adminUserName', `admin-${randomBytes(3).toString('hex')}`);
  project.provide('adminPassword', randomBytes(12).toString('base64url'));
  return teardown;
}
