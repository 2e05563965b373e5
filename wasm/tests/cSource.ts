// Reading C/C++ sources in tests: code without comments and literals, and the simulator ABI it uses.

/** C/C++ source without comments and string or character literals (so a mention in prose does not count). */
export function codeOnly(source: string): string {
  return source.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) =>
    m.startsWith('/') ? ' ' : '""',
  );
}

/** Every use of the simulator ABI in one source file: includes of sim_* headers, sim_* names, SIM_* macros. */
export function abiUses(source: string): string[] {
  const includes = [...source.matchAll(/^\s*#\s*include\s*[<"](sim_[^>"]*)[>"]/gm)].map((m) => `#include ${m[1]}`);
  const names = [...codeOnly(source).matchAll(/\b(?:sim_|SIM_)\w+/g)].map((m) => m[0]);
  return [...includes, ...names];
}
