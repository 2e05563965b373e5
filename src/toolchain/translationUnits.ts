// Which of a project's files clang compiles; the others are headers. Light on purpose: the page imports it too.

export const isTranslationUnit = (path: string): boolean => /\.(cpp|cc|cxx|c)$/.test(path);

/** The files clang compiles, in build order. */
export const translationUnits = (sources: Record<string, string>): string[] =>
  Object.keys(sources).filter(isTranslationUnit).sort();
