// What a resumable download keeps beside NAME.partial: the URL it is of and the server's
// validators (ETag, Last-Modified) for If-Range, in NAME.partial.json. The partial's bytes are
// trusted only with a state naming the same URL; a partial without one starts again from 0.
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';

export interface PartialState {
  url: string;
  etag: string | null;
  lastModified: string | null;
}

const statePath = (partial: string) => `${partial}.json`;

/** The partial's size and validators when it is a download of `url`; else null. */
export async function readPartial(partial: string, url: string): Promise<(PartialState & { size: number }) | null> {
  const [text, st] = await Promise.all([readFile(statePath(partial), 'utf8').catch(() => null), stat(partial).catch(() => null)]);
  if (text === null || st === null) return null;
  try {
    const state = JSON.parse(text) as PartialState;
    return state.url === url ? { ...state, size: st.size } : null;
  } catch {
    return null;
  }
}

/** Records the validators of the download being written to `partial` (atomically). */
export async function writePartialState(partial: string, state: PartialState): Promise<void> {
  const tmp = `${statePath(partial)}.tmp`;
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, statePath(partial));
}

/** Removes the partial and its state. */
export async function removePartial(partial: string): Promise<void> {
  await Promise.all([rm(partial, { force: true }), rm(statePath(partial), { force: true }), rm(`${statePath(partial)}.tmp`, { force: true })]);
}
