import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that readers see either the old bytes or the new ones, never a part:
 * the data goes to a temporary file in the same directory, is flushed, then renamed over
 * the target (rename is atomic within a file system).
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${Date.now().toString(36)}`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', fileMode(target));
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function fileMode(target: string): number {
  try {
    return fs.statSync(target).mode & 0o777;
  } catch {
    return 0o644;
  }
}
