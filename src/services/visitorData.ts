// Whether this page may touch the visitor's data beyond the projects (the signing key, the collected digits, the
// posted readings). An embed may not: it runs on someone else's page, and the visitor's data stays theirs.
let allowed = true;

export const visitorData = {
  allowed: (): boolean => allowed,
  /** From now on this page neither reads nor writes the visitor's data (an embed calls it before it launches). */
  refuse: (): void => {
    allowed = false;
  },
};
