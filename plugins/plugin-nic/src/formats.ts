// The guest network formats --nic-format names (a tiny module: plugin.ts loads it at start-up).
import type { NicFormat } from './types.js';

export const FORMATS: readonly NicFormat[] = ['ifcfg', 'keyfile', 'netplan', 'eni', 'networkd'];
