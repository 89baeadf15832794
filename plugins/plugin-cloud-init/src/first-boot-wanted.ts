// What rejviz's first boot takes on from a seed's user-data (first-boot-seed.ts): the cloud-config
// keys plugin-ssh and plugin-ansible use, each read strictly. Anything else, or a value of
// another shape, is Unsupported with a short why, and the seed is left to cloud-init.
import { parse } from 'yaml';

const HOST_KEY_TYPES = ['rsa', 'ecdsa', 'ed25519'] as const;
const USER_KEYS = new Set(['name', 'shell', 'lock_passwd', 'hashed_passwd', 'sudo', 'ssh_authorized_keys']);
const FILE_KEYS = new Set(['path', 'content', 'owner', 'permissions', 'append', 'defer']);
const TOP_KEYS = new Set(['hostname', 'users', 'ssh_keys', 'ssh_deletekeys', 'disable_root', 'write_files', 'manage_etc_hosts']);

export interface User {
  name: string;
  shell?: string;
  lockPassword: boolean;
  hash?: string;
  sudo?: string;
  keys: string[];
}

export interface WriteFile {
  path: string;
  content: string;
  owner: string;
  permissions: string;
  append: boolean;
}

export interface Wanted {
  users: User[];
  hostKeys: { type: string; privateKey: string; publicKey: string }[] | null;
  deleteKeys: boolean;
  files: WriteFile[];
  manageHosts: boolean;
}

/** The user-data (or the NICs) ask for something the first boot does not do. */
export class Unsupported extends Error {}
export const no = (why: string): never => {
  throw new Unsupported(why);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, what: string): string => (typeof v === 'string' ? v : no(`${what} is not a string`));
const bool = (v: unknown, what: string, fallback: boolean): boolean => (v === undefined ? fallback : typeof v === 'boolean' ? v : no(`${what} is not true or false`));
const only = (o: Record<string, unknown>, keys: Set<string>, what: string) => {
  const other = Object.keys(o).find((k) => !keys.has(k));
  if (other !== undefined) no(`${what} has ${other}`);
};

function readUsers(value: unknown): User[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return no('users is not a list');
  return value.map((u, i) => {
    if (!isObject(u)) return no(`users[${i}] is not a user's settings (the default user is cloud-init's)`);
    only(u, USER_KEYS, `users[${i}]`);
    const name = str(u.name, `users[${i}].name`);
    if (!/^[a-z_][a-z0-9_-]*$/.test(name)) no(`users[${i}].name ${name} is not a plain user name`);
    const keys = u.ssh_authorized_keys === undefined ? [] : Array.isArray(u.ssh_authorized_keys) ? u.ssh_authorized_keys.map((k, j) => str(k, `users[${i}].ssh_authorized_keys[${j}]`)) : no(`users[${i}].ssh_authorized_keys is not a list`);
    const sudo = u.sudo === undefined || u.sudo === false || u.sudo === null ? undefined : str(u.sudo, `users[${i}].sudo`);
    if (sudo !== undefined && /[\r\n]/.test(sudo)) no(`users[${i}].sudo is more than one line`);
    return {
      name, keys,
      ...(u.shell !== undefined && { shell: str(u.shell, `users[${i}].shell`) }),
      // cloud-init locks the password unless told not to (cc_users_groups).
      lockPassword: bool(u.lock_passwd, `users[${i}].lock_passwd`, true),
      ...(u.hashed_passwd !== undefined && { hash: str(u.hashed_passwd, `users[${i}].hashed_passwd`) }),
      ...(sudo !== undefined && { sudo }),
    };
  });
}

function readHostKeys(value: unknown): Wanted['hostKeys'] {
  if (value === undefined) return null;
  if (!isObject(value)) return no('ssh_keys is not a map');
  const keys = HOST_KEY_TYPES.filter((t) => value[`${t}_private`] !== undefined || value[`${t}_public`] !== undefined).map((type) => ({
    type, privateKey: str(value[`${type}_private`], `ssh_keys.${type}_private`), publicKey: str(value[`${type}_public`], `ssh_keys.${type}_public`),
  }));
  only(value, new Set(keys.flatMap((k) => [`${k.type}_private`, `${k.type}_public`])), 'ssh_keys');
  return keys;
}

function readFiles(value: unknown): WriteFile[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return no('write_files is not a list');
  return value.map((f, i) => {
    if (!isObject(f)) return no(`write_files[${i}] is not a file`);
    only(f, FILE_KEYS, `write_files[${i}]`);
    const path = str(f.path, `write_files[${i}].path`);
    if (!path.startsWith('/') || /[\n\r]/.test(path)) no(`write_files[${i}].path is not an absolute path`);
    // An octal number in YAML 1.2 is 0o644; 0644 reads as 644: only the string form is plain.
    const permissions = f.permissions === undefined ? '0644' : str(f.permissions, `write_files[${i}].permissions (as a string)`);
    if (!/^0?[0-7]{3,4}$/.test(permissions)) no(`write_files[${i}].permissions is not an octal mode`);
    const owner = f.owner === undefined ? 'root:root' : str(f.owner, `write_files[${i}].owner`);
    if (!/^[a-z_][a-z0-9_-]*(:[a-z_][a-z0-9_-]*)?$/.test(owner)) no(`write_files[${i}].owner is not USER:GROUP`);
    return { path, content: f.content === undefined ? '' : str(f.content, `write_files[${i}].content`), owner, permissions, append: bool(f.append, `write_files[${i}].append`, false) };
  });
}

/** What the user-data asks for, or throws Unsupported. */
export function readWanted(userData: string, hostname: string): Wanted {
  let doc: unknown;
  try {
    doc = parse(userData);
  } catch {
    return no('user-data is not YAML');
  }
  if (doc === null || doc === undefined) doc = {};
  if (!isObject(doc)) return no('user-data is not a map');
  only(doc, TOP_KEYS, 'user-data');
  if (doc.hostname !== undefined && str(doc.hostname, 'hostname') !== hostname) no(`hostname ${String(doc.hostname)} is not the seed's ${hostname}`);
  const manage = doc.manage_etc_hosts;
  if (manage !== undefined && typeof manage !== 'boolean') no(`manage_etc_hosts is ${String(manage)}`);
  bool(doc.disable_root, 'disable_root', true);
  return {
    users: readUsers(doc.users),
    hostKeys: readHostKeys(doc.ssh_keys),
    deleteKeys: bool(doc.ssh_deletekeys, 'ssh_deletekeys', true),
    files: readFiles(doc.write_files),
    manageHosts: manage === true,
  };
}
