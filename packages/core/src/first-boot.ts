// What rejviz's first boot (plugin-cloud-init's first-boot-template.ts, the unit a rejviz-up
// template runs instead of cloud-init for a seed it can apply) leaves in the guest, for those who
// read it back (plugin-ssh's readiness and its not-ready diagnosis).

/** `exit N` and `instance-id ID` lines, written whole once the unit is done with a seed. */
export const FIRST_BOOT_RESULT = '/run/rejviz/first-boot.result';
/** What the seed's script printed (names and steps; never a key or a file's content). */
export const FIRST_BOOT_LOG = '/run/rejviz/first-boot.log';
/** The script's exit code when the guest lacked what it needs: nothing changed, cloud-init applies the seed. */
export const FIRST_BOOT_NOT_APPLICABLE = 3;
/** How the unit's console lines start. */
export const FIRST_BOOT_CONSOLE_PREFIX = 'rejviz-first-boot:';
