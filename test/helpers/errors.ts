// What a call threw, for tests that look at the error's fields rather than only its message.
import { expect } from 'vitest';

/** Runs `f` and returns what it threw; fails the test when it throws nothing. */
export function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

/** Runs `f` and returns what it threw, expected to be a `type`; fails the test otherwise. */
export function thrown<E extends Error>(type: abstract new (...args: never[]) => E, f: () => unknown): E {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error(`expected a ${type.name}`);
}

/** What a promise rejected with; fails the test when it fulfils. */
export async function rejected(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
