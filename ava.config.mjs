// Every test process sees no virt-builder repository but the ones a test names itself: planning
// a lab reads each repository's index (fetching an http one with curl), and the system repos.d
// lists builder.libguestfs.org, which tests must never reach (README: network safety). Tests that
// run virt-builder set VIRT_BUILDER_DIRS to the offline repository (test/support/env.ts).
const nowhere = '/nonexistent/rejviz-tests-see-no-system-repositories';
export default {
  environmentVariables: {
    VIRT_BUILDER_DIRS: nowhere,
    XDG_CONFIG_HOME: nowhere,
  },
};
