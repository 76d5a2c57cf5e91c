/**
 * A byte count for people, in binary units: the limits we print are powers of two, and
 * "1.0 MiB" says exactly what a limit of 1,048,576 bytes is where "1.0 MB" would not.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
