// Explains the ways the in-browser compiler itself can fail, in words a firmware author can act on.

const STACK_EXHAUSTED = /maximum call stack size exceeded|too much recursion/i;

/**
 * `message` is what the compiler worker threw (or its uncaught error); `units` are the files being compiled. Clang
 * recurses once per template instantiation level and constexpr call: in the browser its stack is the engine's fixed
 * native stack, which no page can enlarge, and it runs out before clang's own -ftemplate-depth (1024) is reached.
 */
export function explainCompilerFailure(message: string, units: string[]): string {
  if (!STACK_EXHAUSTED.test(message)) return message;
  return (
    `The compiler ran out of stack while compiling ${units.join(', ') || 'your files'} (${message}). ` +
    'The in-browser clang has a fixed stack that very deep template instantiation or constexpr recursion exhausts ' +
    'before clang can report where; reduce the recursion depth (docs/architecture.md, "Compiling in the browser").'
  );
}
