// cloud-init's own schema check of user-data (cloud-init-schema.ts), with the host's real
// cloud-init: a schema error is one line that names the file and what is wrong, without the
// secret value cloud-init quotes, and the private copy of the user-data is gone afterwards.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunner, UsageError, type InstallContext } from '@rejviz/core';
import { testNeeding } from '@rejviz/test-support';
import { checkWithCloudInit } from '../src/cloud-init-schema.js';

const test = testNeeding([{ tool: 'cloud-init' }]);

const context = { runner: createRunner(), env: process.env } as unknown as InstallContext;
// A temp dir of this file's own (each test file runs in a process of its own): other files'
// private dirs never show up in it.
let base = '';
test.before(async () => {
  base = await mkdtemp(join(tmpdir(), 'rjv-schema-test-'));
  process.env.TMPDIR = base;
});
test.after.always(() => rm(base, { recursive: true, force: true }));
const leftovers = () => readdir(base);

test('a schema error names the file and the key; the password cloud-init quotes is not in it; no copy of the user-data is left', async (t) => {
  t.deepEqual(await leftovers(), []);
  const userData = '#cloud-config\nusers:\n  - name: a\n    plain_text_passwd: [hunter2secret]\n';
  const e = await t.throwsAsync(checkWithCloudInit(context, userData, 'mine.yaml'), { instanceOf: UsageError });
  t.regex(e!.message, /^--user-data mine\.yaml: cloud-init's schema check failed: users\.0: .*plain_text_passwd.*<redacted>.*; fix the file$/);
  t.false(e!.message.includes('hunter2secret'), e!.message);
  t.deepEqual(await leftovers(), [], 'the private copy of the user-data is gone');
  await t.notThrowsAsync(checkWithCloudInit(context, '#cloud-config\nusers:\n  - name: a\n    plain_text_passwd: hunter2secret\n', 'mine.yaml'));
  t.deepEqual(await leftovers(), []);
});
