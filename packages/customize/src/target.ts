// Checks the guest a customize/sysprep run targets before anything runs, and finds its disks for
// inspection: image files must hold disk images; a domain must exist and be shut off
// (virt-customize and virt-sysprep cannot write a live guest).
import { resolve } from 'node:path';
import { checkDiskImage, ERROR_CODES, imageInUse, libvirtConnection, UsageError, virshQuery, type Runner } from '@rejviz/core';

/** Why a writer cannot open an image qemu holds locks on, and what to do. */
export const IN_USE = 'is in use by another program (qemu holds its image locks: a running domain, or another rejviz or libguestfs run); wait for it to finish, or shut down the domain that uses it';
import type { GuestArgs } from './guest-args.js';

export interface Target {
  /** Human name: the domain, or the image paths. */
  label: string;
  /** Disks to inspect, in order. */
  disks: { path: string; format: string | null }[];
}

/** Validates the target and lists its disks; every problem is a one-line UsageError. */
export async function resolveTarget(args: GuestArgs, runner: Runner, cwd: string, binaryName: string): Promise<Target> {
  if (args.domain && args.images.length > 0) throw new UsageError(`give either -a IMAGE or -d DOMAIN, not both`);
  if (!args.domain && args.images.length === 0) throw new UsageError(`no guest given; usage: ${binaryName} -a IMAGE [-a IMAGE]... or -d DOMAIN [-c URI]`);
  if (args.domain) return domainTarget(args.domain, args.uri, runner);
  const disks = args.images.map((i) => ({ ...i, path: resolve(cwd, i.path) }));
  for (const d of disks) {
    await checkDiskImage(runner, d.path, `-a ${d.path}`);
    if (await imageInUse(d.path)) throw new UsageError(`-a ${d.path}: ${IN_USE}`, ERROR_CODES.INPUT);
  }
  return { label: disks.map((d) => d.path).join(', '), disks };
}

async function domainTarget(domain: string, uri: string | null, runner: Runner): Promise<Target> {
  const connection = libvirtConnection(uri);
  const where = uri ?? 'the default libvirt connection';
  // A connection that fails is reported as such by virshQuery, not as a missing domain.
  const state = await virshQuery(runner, connection, ['domstate', domain], { allowFailure: true });
  if (state.exitCode !== 0) throw new UsageError(`-d ${domain}: no such domain on ${where}; see virsh${uri ? ` -c ${uri}` : ''} list --all`);
  const s = state.stdout.trim();
  if (s !== 'shut off' && s !== 'crashed') {
    throw new UsageError(`-d ${domain}: the domain is ${s}; virt-customize cannot write a live guest: shut it down first (virsh${uri ? ` -c ${uri}` : ''} shutdown ${domain})`);
  }
  const list = await virshQuery(runner, connection, ['domblklist', domain, '--details']);
  const disks = list.stdout.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => f[0] === 'file' && f[1] === 'disk' && f[3] && f[3] !== '-').map((f) => ({ path: f[3]!, format: null }));
  if (disks.length === 0) throw new UsageError(`-d ${domain}: the domain has no disk files to customize`);
  for (const d of disks) if (await imageInUse(d.path)) throw new UsageError(`-d ${domain}: its disk ${d.path} ${IN_USE}`, ERROR_CODES.INPUT);
  return { label: domain, disks };
}
