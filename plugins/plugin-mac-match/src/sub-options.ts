// virt-install's comma syntax lives in core (rejviz-install reads --disk with it too).
export { quoteSubOption, splitSubOptions } from '@rejviz/core';
