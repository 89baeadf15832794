// Public surface of @rejviz/plugin-ansible.
export {};
