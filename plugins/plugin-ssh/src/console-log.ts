// Reading the end of a machine's serial console log (virtlogd writes it; rejviz-up puts it in the
// lab's state directory). Only the last part is read: a guest that loops printing can make it
// megabytes long, and an error message wants its last lines.
import { open } from 'node:fs/promises';

/** How much of the log's end is read. */
export const CONSOLE_WINDOW = 256 * 1024;

/** The text at the end of the log (from a line start), or why it could not be read. */
export async function readConsoleLog(path: string, window = CONSOLE_WINDOW): Promise<{ text: string } | { why: string }> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { why: code === 'ENOENT' ? 'no such file (the machine has not started since it was created?)' : (error as Error).message };
  }
  try {
    const { size } = await file.stat();
    const start = Math.max(0, size - window);
    const buffer = Buffer.alloc(size - start);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, start);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    // Cut into a line (maybe into a character): that line starts before what was read.
    return { text: start > 0 ? text.slice(text.indexOf('\n') + 1) : text };
  } finally {
    await file.close();
  }
}
