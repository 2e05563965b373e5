import { describe, expect, it } from 'vitest';
import { explainCompilerFailure } from './compilerErrors';

describe('explainCompilerFailure', () => {
  it('explains a stack overflow of the compiler and names the files it was compiling', () => {
    const text = explainCompilerFailure('Uncaught RangeError: Maximum call stack size exceeded', [
      'main.cpp',
      'util.cpp',
    ]);
    expect(text).toMatch(
      /^The compiler ran out of stack while compiling main\.cpp, util\.cpp \(Uncaught RangeError: Maximum call stack size exceeded\)\./,
    );
    expect(text).toMatch(/template instantiation or constexpr recursion/);
  });
  it('passes other failures through unchanged', () => {
    expect(explainCompilerFailure('SDK library libmbed.a: HTTP 404', ['main.cpp'])).toBe(
      'SDK library libmbed.a: HTTP 404',
    );
  });
});
