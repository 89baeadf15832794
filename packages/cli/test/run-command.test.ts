// runCommand with a fake command (no wrapped tool): help, option errors, the exit code and the
// message of each kind of error, and plugins (built in, --plugin, config file) reaching the hooks.
import test from 'ava';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPlanContext, emptyGuestPlan, InterruptedError, STAGE, ToolError, UsageError,
  type GuestPlan, type PlanContext, type Plugin,
} from '@rejviz/core';
import type { CommandContext } from '../src/run-main.js';
import { BIN, run, type Execute } from './fake-command.js';

const EXAMPLE = fileURLToPath(new URL('../../../../fixtures/plugins/motd-plugin.mjs', import.meta.url));

// runCommand reads the user's config file: point it at an empty directory for this file.
const configHome = mkdtempSync(join(tmpdir(), 'rejviz-run-command-'));
process.env.XDG_CONFIG_HOME = configHome;
test.after.always(() => rmSync(configHome, { recursive: true, force: true }));

function planContext(ctx: CommandContext): PlanContext {
  return createPlanContext(ctx.services, ctx.command, ctx.pluginOptions, { guestOsinfo: async () => null }).context;
}

/** An execute() that plans a guest through the hooks and keeps the plan. */
function planning(into: GuestPlan[]): Execute {
  return async (ctx) => {
    into.push(await ctx.hooks.planGuest.promise(emptyGuestPlan('virt-builder', null), planContext(ctx)));
    return 0;
  };
}

test.serial('plugins listed in the config file load, relative to the file', async (t) => {
  mkdirSync(join(configHome, 'rejviz'));
  const file = join(configHome, 'rejviz', 'config.json');
  writeFileSync(file, JSON.stringify({ plugins: [relative(join(configHome, 'rejviz'), EXAMPLE)] }));
  try {
    const plans: GuestPlan[] = [];
    const r = await run(['--motd', 'from config'], { execute: planning(plans) });
    t.is(r.code, 0, r.stderr);
    t.deepEqual(r.calls[0]?.plugins.map((p) => p.name), ['plugin-motd']);
    t.is(plans[0]?.files[0]?.content, 'from config\n');
  } finally {
    rmSync(join(configHome, 'rejviz'), { recursive: true });
  }
});

test('--help prints the help text on stdout, returns 0 and runs nothing', async (t) => {
  for (const flag of ['--help', '-h']) {
    const r = await run(['tmpl', flag, '--name', 'x']);
    t.is(r.code, 0);
    t.is(r.stderr, '');
    t.is(r.calls.length, 0);
    t.true(r.stdout.startsWith(`${BIN}: a fake command for tests.\n\nUsage: ${BIN} [--name NAME] ARGS...\n\nOptions:\n`), r.stdout);
    t.regex(r.stdout, /^ {2}--name NAME +Name the thing$/m);
    t.regex(r.stdout, /^ {2}--dry-run +Run nothing/m);
    t.false(r.stdout.includes('untouched'), 'no wrapped tool, no passthrough line');
  }
});

test('--help lists the options of a plugin given with --plugin', async (t) => {
  const r = await run(['--plugin', EXAMPLE, '--help']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^ {2}--motd TEXT +Write TEXT to \/etc\/motd \(mode 0644\)$/m);
});

test('options reach execute by name; everything else is passthrough, in order', async (t) => {
  const r = await run(['a', '--json', '--size', '6G', '--name=n1', '--dry-run', '-x', '--', '--json']);
  t.is(r.code, 0, r.stderr);
  const ctx = r.calls[0]!;
  t.deepEqual(ctx.options, { '--json': true, '--dry-run': true, '--verbose': undefined, '--plugin': undefined, '--name': 'n1' });
  t.deepEqual(ctx.passthrough, ['a', '--size', '6G', '-x', '--json']);
  t.true(ctx.runner.dryRun);
  t.is(ctx.command, 'builder');
});

test('a string option value that starts with "-" is still its value', async (t) => {
  const r = await run(['--name', '-x', 'tmpl']);
  t.is(r.code, 0, r.stderr);
  t.is(r.calls[0]?.options['--name'], '-x');
  t.deepEqual(r.calls[0]?.passthrough, ['tmpl']);
});

test('a boolean option given a value is a usage error: exit 2, one line, nothing run', async (t) => {
  const r = await run(['--json=yes', 'tmpl']);
  t.is(r.code, 2);
  t.is(r.stderr, `${BIN}: error: Invalid option name ("--json=yes"); see ${BIN} --help\n`);
  t.is(r.stdout, '');
  t.is(r.calls.length, 0);
});

test('a string option without its value is a usage error: exit 2, one line, nothing run', async (t) => {
  const r = await run(['tmpl', '--name']);
  t.is(r.code, 2);
  t.is(r.stderr, `${BIN}: error: Not enough arguments to option --name; see ${BIN} --help\n`);
  t.is(r.calls.length, 0);
});

test('a UsageError from the command exits 2 with one line on stderr', async (t) => {
  const r = await run([], { execute: async () => { throw new UsageError('no template given; add one'); } });
  t.is(r.code, 2);
  t.is(r.stderr, `${BIN}: error: no template given; add one\n`);
  t.is(r.stdout, '');
});

test("a ToolError passes the tool's exit code through, with the command line and stderr tail", async (t) => {
  const r = await run([], { execute: async () => { throw new ToolError('virt-demo', "virt-demo 'a b' -o x.img", 3, 'first\nlast'); } });
  t.is(r.code, 3);
  t.is(r.stderr, `${BIN}: error: virt-demo failed with exit code 3\n  command: virt-demo 'a b' -o x.img\n  | first\n  | last\n`);
});

test('an interrupted run exits 128 + the signal number and names the signal', async (t) => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129], ['SIGQUIT', 131]] as const) {
    const r = await run([], { execute: async () => { throw new InterruptedError('virt-demo x', signal); } });
    t.is(r.code, code, signal);
    t.is(r.stderr, `${BIN}: interrupted by ${signal}; nothing was left half-made\n`);
  }
});

test.serial('what a failed run registered for clean-up is removed when the command ends', async (t) => {
  const { onCleanup, pendingCleanups } = await import('@rejviz/core');
  let undone = 0;
  const r = await run([], {
    execute: async () => {
      onCleanup('a temporary thing', () => void undone++);
      onCleanup('a thing that cannot be removed', () => { throw new Error('EBUSY'); });
      throw new UsageError('bad value; fix it');
    },
  });
  t.is(r.code, 2);
  t.is(undone, 1);
  t.is(pendingCleanups(), 0);
  t.true(r.stderr.includes(`${BIN}: warning: could not remove a thing that cannot be removed: EBUSY`), r.stderr);
});

test("a streamed tool's stderr is not printed a second time in the error", async (t) => {
  const shown = await run([], { execute: async () => { throw new ToolError('virt-demo', 'virt-demo x', 1, 'boom', true); } });
  t.false(shown.stderr.includes('boom'), shown.stderr);
  const captured = await run([], { execute: async () => { throw new ToolError('virt-demo', 'virt-demo x', 1, 'boom', false); } });
  t.true(captured.stderr.includes('  | boom'), captured.stderr);
});

test('an unexpected exception is a bug: exit 70, "Assertion failed" and a stack', async (t) => {
  const r = await run([], { execute: async () => { throw new TypeError('x is undefined'); } });
  t.is(r.code, 70);
  t.true(r.stderr.startsWith(`${BIN}: Assertion failed (this is a bug in rejviz; please report it): x is undefined\nTypeError: x is undefined\n    at `), r.stderr);
});

test('a built-in plugin tapping planGuest is applied, and sees its own option', async (t) => {
  const tagger: Plugin = {
    name: 'plugin-tag',
    options: [{ name: '--tag', type: 'array', arg: 'T', description: 'Tag', commands: ['builder'] }],
    apply(hooks) {
      hooks.planGuest.tap({ name: 'plugin-tag', stage: STAGE.FINALIZE }, (plan, ctx) => ({
        ...plan,
        ops: [...plan.ops, ...(ctx.options.tag as string[]).map((tag) => ({ kind: 'hostname' as const, hostname: tag, origin: 'plugin-tag' }))],
      }));
    },
  };
  const plans: GuestPlan[] = [];
  const r = await run(['--tag', 'a', 'tmpl', '--tag=b', '--plugin', EXAMPLE, '--motd', 'm'], { plugins: [tagger], execute: planning(plans) });
  t.is(r.code, 0, r.stderr);
  t.deepEqual(r.calls[0]?.plugins.map((p) => p.name), ['plugin-tag', 'plugin-motd']);
  // STAGE.FILES (motd) runs before STAGE.FINALIZE (tag) although tag was applied first.
  t.deepEqual(plans[0]?.ops.map((o) => `${o.origin}:${o.kind}`), [
    'plugin-motd:mkdir', 'plugin-motd:write', 'plugin-motd:chmod', 'plugin-tag:hostname', 'plugin-tag:hostname',
  ]);
  t.deepEqual(plans[0]?.ops.slice(3), [
    { kind: 'hostname', hostname: 'a', origin: 'plugin-tag' },
    { kind: 'hostname', hostname: 'b', origin: 'plugin-tag' },
  ]);
  t.deepEqual(r.calls[0]?.passthrough, ['tmpl']);
});

test("a plugin's options exist only for the commands it lists", async (t) => {
  const r = await run(['--plugin', EXAMPLE, '--motd', 'm'], { command: 'install' });
  t.is(r.code, 0, r.stderr);
  t.false('--motd' in r.calls[0]!.options);
  t.false('motd' in r.calls[0]!.pluginOptions);
  t.deepEqual(r.calls[0]?.passthrough, ['--motd', 'm']);
});

test('a plugin loaded twice, or two plugins declaring one option, is a usage error', async (t) => {
  const twice = await run(['--plugin', EXAMPLE, `--plugin=${EXAMPLE}`]);
  t.is(twice.code, 2);
  t.is(twice.stderr, `${BIN}: error: plugin 'plugin-motd' is loaded twice; remove one of the --plugin options or config entries\n`);
  const clash: Plugin = { name: 'plugin-clash', options: [{ name: '--name', type: 'boolean', description: 'x', commands: ['builder'] }], apply: () => undefined };
  const r = await run([], { plugins: [clash] });
  t.is(r.code, 2);
  t.is(r.stderr, `${BIN}: error: option --name is declared twice (plugins clash); remove one plugin\n`);
  t.is(r.calls.length, 0);
});

test('a --plugin path that does not exist is a usage error naming it', async (t) => {
  const r = await run(['--plugin', '/nonexistent/rejviz-plugin.mjs', 'tmpl']);
  t.is(r.code, 2);
  t.true(r.stderr.startsWith(`${BIN}: error: --plugin /nonexistent/rejviz-plugin.mjs: cannot load /nonexistent/rejviz-plugin.mjs: `), r.stderr);
  t.is(r.stderr.split('\n').length, 2, 'one line');
  t.is(r.calls.length, 0);
});
