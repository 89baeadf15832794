// Interface addresses written the short way in test data.

/** {address, prefix} from each "ADDRESS/PREFIX" text (the shape of core's IpAddress); a text without a prefix is a mistake in the test. */
export function cidrs(...texts: string[]): { address: string; prefix: number }[] {
  return texts.map((text) => {
    const slash = text.lastIndexOf('/');
    if (slash < 0) throw new Error(`test data: ${text} has no /prefix`);
    return { address: text.slice(0, slash), prefix: Number(text.slice(slash + 1)) };
  });
}
