// A real sshd on 127.0.0.1 for tests that log in over ssh (plugin-ssh: pinned host keys, the wait
// until a guest is ready). openssh-server is unpacked, not installed (scripts/host-setup), so it
// runs in a private mount namespace (we are root) that adds what it needs and this host lacks:
// an `sshd` privilege separation user (a copy of /etc/passwd bound over it) and /run/sshd (on a
// fresh tmpfs over /run, which also gives each server an empty /run, e.g. for a test to create
// /run/cloud-init/result.json in over ssh). Nothing outside the namespace changes. A private PID
// namespace, whose first process is sshd, takes every login session's processes along when sshd
// is stopped: sshd itself leaves a session's command running when its connection drops.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prereq } from './prereq.js';

/** The unpacked sshd. */
export const SSHD = '/var/cache/rejviz/netns/openssh-server/usr/sbin/sshd';

/** What startSshd needs, for testNeeding. */
export const SSHD_PREREQS: readonly Prereq[] = [
  { path: SSHD, what: 'sshd (scripts/host-setup unpacks it)' },
  { tool: 'unshare' },
  { tool: 'ssh', install: 'apt-get install openssh-client' },
  { tool: 'ssh-keygen', install: 'apt-get install openssh-client' },
  { check: () => process.getuid?.() === 0, what: 'root (sshd runs in a private mount namespace)' },
];

/** A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read, closed). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port from listen(0)');
  return address.port;
}

export interface TestSshdOptions {
  port: number;
  /** Private host key files (the keys the server proves itself with). */
  hostKeys: readonly string[];
  /** authorized_keys text: who may log in as root. */
  authorizedKeys: string;
  /** More login names, each an alias of root (uid 0), for code that will not log in as root itself. */
  users?: readonly string[];
}

export interface TestSshd {
  port: number;
  /** What sshd logged so far (-e: its log on stderr), for failure messages. */
  log(): string;
  /** Stops sshd and removes its files; safe to call twice. */
  stop(): Promise<void>;
}

// sshd_config(5) quoting, as ssh_config's: double quotes, `\` and `"` escaped.
const quoted = (path: string) => `"${path.replace(/[\\"]/g, '\\$&')}"`;

const SCRIPT = 'mount --make-rprivate / && mount --bind "$1" /etc/passwd && mount -t tmpfs none /run && mkdir -m 755 /run/sshd && exec "$2" -f "$3" -D -e';
const START_TIMEOUT_MS = 10_000;

/** Starts sshd on 127.0.0.1:port, resolved once it listens; the caller stops it (t.teardown). */
export async function startSshd(options: TestSshdOptions): Promise<TestSshd> {
  const dir = await mkdtemp(join(tmpdir(), 'rejviz-sshd-'));
  const passwd = join(dir, 'passwd');
  // /bin/sh (dash) reads no rc file: root's ~/.bashrc (whatever this host put there) stays out of the sessions.
  const aliases = (options.users ?? []).map((user) => `${user}:x:0:0::/root:/bin/sh\n`).join('');
  await writeFile(passwd, `${await readFile('/etc/passwd', 'utf8')}sshd:x:998:65534::/run/sshd:/usr/sbin/nologin\n${aliases}`);
  await writeFile(join(dir, 'authorized_keys'), options.authorizedKeys);
  const config = [
    'ListenAddress 127.0.0.1',
    `Port ${options.port}`,
    ...options.hostKeys.map((key) => `HostKey ${quoted(key)}`),
    `AuthorizedKeysFile ${quoted(join(dir, 'authorized_keys'))}`,
    `PidFile ${quoted(join(dir, 'sshd.pid'))}`,
    // No PAM stack for an unpacked sshd; StrictModes would refuse the test's temporary files.
    'UsePAM no',
    'StrictModes no',
    // scp and sftp need an sftp server; the built-in one needs no binary of the package.
    'Subsystem sftp internal-sftp',
  ];
  await writeFile(join(dir, 'sshd_config'), `${config.join('\n')}\n`);

  // --kill-child: when unshare dies, sshd (PID 1 of the namespace) is killed, and with it every
  // process in the namespace. unshare ignores SIGTERM while it waits, so it is stopped by SIGKILL.
  const child = spawn('unshare', ['-m', '-p', '--kill-child', 'bash', '-c', SCRIPT, 'bash', passwd, SSHD, join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A test process that ends without its teardown still takes its sshd along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };

  // Ready when it says so (on stderr with -e), not after some sleep.
  const listening = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
    const check = () => {
      if (log.includes(`Server listening on 127.0.0.1 port ${options.port}.`)) done(true);
    };
    const done = (ok: boolean) => {
      clearTimeout(timer);
      child.stderr.off('data', check);
      resolve(ok);
    };
    child.stderr.on('data', check);
    void exited.then(() => done(false));
    check();
  });
  if (!listening) {
    await stop();
    throw new Error(`sshd did not start on 127.0.0.1:${options.port}:\n${log}`);
  }
  return { port: options.port, log: () => log, stop };
}
