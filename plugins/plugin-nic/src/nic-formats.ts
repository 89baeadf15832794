// The guest network configuration formats plugin-nic renders (render-nics.ts has one renderer
// each): the list behind the NicFormat type, kept without imports for shell completion.

/** Every format --nic-format names (besides auto). */
export const NIC_FORMATS = ['ifcfg', 'keyfile', 'netplan', 'eni', 'networkd'] as const;

/** The guest network configuration formats rejviz can write. */
export type NicFormat = (typeof NIC_FORMATS)[number];
