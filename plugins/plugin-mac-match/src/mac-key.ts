// MACs are compared in one form (lowercase, ':'-separated), whichever way the user or the XML wrote them.

const MAC = /^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(?:\1[0-9a-f]{1,2}){4}$/i;

/**
 * Normalises a MAC to lowercase colon form with two digits per octet; undefined when malformed.
 * Single-digit octets are accepted because libvirt's MAC parser accepts them.
 */
export function normaliseMac(text: string): string | undefined {
  if (!MAC.test(text)) return undefined;
  return text
    .split(/[:-]/)
    .map((octet) => octet.toLowerCase().padStart(2, '0'))
    .join(':');
}
