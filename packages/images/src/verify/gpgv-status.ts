// gpgv's machine-readable status lines (--status-fd; GnuPG's doc/DETAILS, "Format of the status
// FD output"), one record per signature. The exit code alone says too little: it is 0 for a good
// signature by any key in the keyring, and non-zero when one of several signatures is by a key we
// lack. What counts is GOODSIG with its VALIDSIG, whose last field is the primary key's
// fingerprint: that is what is compared with the catalogue's pins.

export type SignatureResult = 'good' | 'bad' | 'expired-signature' | 'expired-key' | 'revoked-key' | 'no-key' | 'error';

export interface SignatureStatus {
  result: SignatureResult;
  /** The signing key's id (16 hex digits) or fingerprint, as gpgv gave it. */
  keyId: string | null;
  /** VALIDSIG: the signing (sub)key's fingerprint. */
  signer: string | null;
  /** VALIDSIG: the primary key's fingerprint (the one pinned). */
  primary: string | null;
}

const RESULTS: Record<string, SignatureResult> = {
  GOODSIG: 'good', BADSIG: 'bad', EXPSIG: 'expired-signature', EXPKEYSIG: 'expired-key', REVKEYSIG: 'revoked-key', ERRSIG: 'error',
};

/** The signatures gpgv reported, from text holding its status lines (other lines are ignored). */
export function parseGpgvStatus(text: string): SignatureStatus[] {
  const sigs: SignatureStatus[] = [];
  let current: SignatureStatus | undefined;
  const fresh = () => {
    current = { result: 'error', keyId: null, signer: null, primary: null };
    sigs.push(current);
    return current;
  };
  for (const line of text.split('\n')) {
    const m = /^\[GNUPG:\] (\S+)(?: (.*))?$/.exec(line.trimEnd());
    if (!m) continue;
    const [, keyword, rest = ''] = m;
    const args = rest.split(' ');
    if (keyword === 'NEWSIG') {
      fresh();
    } else if (keyword! in RESULTS) {
      const sig = current && current.keyId === null ? current : fresh();
      sig.keyId = args[0] ?? null;
      // ERRSIG with return code 9 means the key is not in the keyring.
      sig.result = keyword === 'ERRSIG' && args[5] === '9' ? 'no-key' : RESULTS[keyword!]!;
    } else if (keyword === 'NO_PUBKEY' && current) {
      current.result = 'no-key';
      current.keyId ??= args[0] ?? null;
    } else if (keyword === 'VALIDSIG' && current) {
      current.signer = args[0] ?? null;
      // Field 10 is the primary key's fingerprint; a signature by the primary key may omit it.
      current.primary = args[9] ?? args[0] ?? null;
    }
  }
  return sigs;
}
