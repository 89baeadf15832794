// Command plumbing for the rejviz bins (BaseCommand, context, runMain) lands with rejviz-builder.
export {};
