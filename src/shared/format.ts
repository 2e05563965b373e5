// How the page writes virtual time, speed and byte counts.

/** Virtual time since reset: "12.345 s", "3 min 05.1 s", "2 h 03 min 05 s", "12 d 03 h 05 min". */
export function formatSimTime(us: number): string {
  const tenths = Math.floor(Math.max(0, us) / 100_000);
  const s = Math.floor(tenths / 10);
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${(Math.max(0, us) / 1e6).toFixed(3)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${two(s % 60)}.${tenths % 10} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${two(Math.floor(s / 60) % 60)} min ${two(s % 60)} s`;
  return `${Math.floor(s / 86_400).toLocaleString('en-US')} d ${two(Math.floor(s / 3600) % 24)} h ${two(Math.floor(s / 60) % 60)} min`;
}

/** A time-axis tick in virtual seconds, down to its last non-zero unit: "40 s", "3 min 20 s", "14 d 01 h 05 min". */
export function formatAxisTime(seconds: number): string {
  const s = Math.round(Math.max(0, seconds));
  const parts: [number, string][] = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor(s / 3600) % 24, 'h'],
    [Math.floor(s / 60) % 60, 'min'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return '0 s';
  const last = parts.length - 1 - [...parts].reverse().findIndex(([n]) => n > 0);
  return parts
    .slice(first, last + 1)
    .map(([n, unit], i) => `${i === 0 ? n.toLocaleString('en-US') : String(n).padStart(2, '0')} ${unit}`)
    .join(' ');
}

/** Virtual time per wall time as a multiple: "×0.1", "×1.0", "×19", "×560,000". */
export function formatSpeed(speed: number): string {
  if (!(speed > 0) || !Number.isFinite(speed)) return '×0';
  return speed < 9.95 ? `×${speed.toFixed(1)}` : `×${Math.round(speed).toLocaleString('en-US')}`;
}

/** A byte count for people: "512 bytes", "64.0 KB", "8.7 MB" (decimal units). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} KB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(1)} GB`;
}
