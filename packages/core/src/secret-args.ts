// Which arguments of the wrapped tools hold secrets, and the command as it may be shown. A command
// is shown in --dry-run, --json, a manifest's `command`, --verbose and error messages; each shows
// it through here, so `--root-password password:s3cret` appears as `password:<redacted>`.
// The option table (op-table.ts) says which operations' values hold secrets; the options that no
// rejviz operation uses but a user may pass through are listed here. Options are read the way the
// tool reads them (tool-args.ts, with the tool's own option table when it was looked up), so a
// prefix (`--root-pass`) or an attached value (`--password=root:password:x`) is found too.
import { OP_TABLE, REDACTED, redactAfterUser, type GuestTool } from './op-table.js';
import { quoteCommand } from './shell-quote.js';
import { readToolOptions } from './tool-args.js';
import { cachedToolInfo } from './tool-info.js';

interface SecretOption {
  option: string;
  redact(value: string): string;
}

const GUESTFS: readonly GuestTool[] = ['virt-builder', 'virt-customize', 'virt-sysprep'];

/** `NAME=VALUE` sub-options (virt-install's comma lists) with VALUE hidden. */
const subOption = (name: string) => (value: string) => value.replace(new RegExp(`(^|,)(${name}=)[^,]*`, 'g'), `$1$2${REDACTED}`);

const BY_TOOL: Record<string, readonly SecretOption[]> = {
  ...Object.fromEntries(GUESTFS.map((tool) => [tool, [
    ...Object.values(OP_TABLE).flatMap((spec) => (spec.redact ? [{ option: spec.flag, redact: spec.redact }] : [])),
    // --password USER:SELECTOR; --key ID:key:PASSPHRASE (a LUKS passphrase; ID:file:FILE carries none).
    { option: '--password', redact: redactAfterUser },
    { option: '--key', redact: (v: string) => v.replace(/^([^:]*:key:).*$/s, `$1${REDACTED}`) },
  ]])),
  'virt-install': [{ option: '--graphics', redact: subOption('password') }],
};

/** The part of `before` that `after` replaced (what differs between their common ends). */
function replacedPart(before: string, after: string): string {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return before.slice(start, before.length - end);
}

/** `args` with every secret value replaced, and the secrets themselves (to scrub from tool output). */
export function redactArgs(tool: string, args: readonly string[]): { args: string[]; secrets: string[] } {
  const secretOptions = BY_TOOL[tool];
  if (secretOptions === undefined) return { args: [...args], secrets: [] };
  const names = secretOptions.map((s) => s.option);
  // Without the tool's own table (not looked up in this run), the secret options by exact name.
  const info = cachedToolInfo(tool) ?? { options: names, optionsWithValue: names };
  const shown = [...args];
  const secrets: string[] = [];
  for (const use of readToolOptions(args, info, true)) {
    const secret = secretOptions.find((s) => s.option === use.option);
    if (secret === undefined || use.value === null || use.valueAt === undefined) continue;
    const redacted = secret.redact(use.value);
    if (redacted === use.value) continue;
    const { index, offset } = use.valueAt;
    shown[index] = `${(shown[index] as string).slice(0, offset)}${redacted}`;
    const part = replacedPart(use.value, redacted);
    if (part !== '') secrets.push(part);
  }
  return { args: shown, secrets };
}

/** The command line as it may be shown: secrets redacted, shell-quoted. */
export function showCommand(tool: string, args: readonly string[]): string {
  return quoteCommand(tool, redactArgs(tool, args).args);
}

/** `text` with every occurrence of `secrets` replaced (a tool may echo a value it rejects). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => (s.length > 0 ? t.split(s).join(REDACTED) : t), text);
}
