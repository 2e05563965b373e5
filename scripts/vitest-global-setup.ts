// Vitest runs the firmware build first (a no-op when nothing changed), so the demo tests run the real firmware.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npx', ['tsx', 'scripts/build-firmware.ts', '--quiet'], { stdio: 'inherit' });
}
