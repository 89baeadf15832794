// Public surface of @rejviz/plugin-ssh.
export {};
