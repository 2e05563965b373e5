// Small per-browser flags: which one-time hints the user has already seen.

const INTRO_SEEN = 'tinyml-sim:intro-seen';
const DREW_DIGIT = 'tinyml-sim:drew-digit';

function read(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

function write(key: string): void {
  try {
    localStorage.setItem(key, '1');
  } catch {
    // Storage refused (private mode, quota): the hint shows again next time, nothing else depends on it.
  }
}

export const preferences = {
  introSeen: () => read(INTRO_SEEN),
  markIntroSeen: () => write(INTRO_SEEN),
  drewDigit: () => read(DREW_DIGIT),
  markDrewDigit: () => write(DREW_DIGIT),
};
