/**
 * Option checking: each filesystem class declares the names of the options
 * it adds (`static optionNames`), the names merge up the class chain, and the
 * `AsyncFileSystem` constructor rejects any other name, pointing fsspec's
 * snake_case spellings to the camelCase ones. Internal.
 *
 * @module
 */

/** The declared keys of an options type: its index signature left out. */
type _DeclaredKeys<T> = keyof {
  [K in keyof T as string extends K ? never : K]: T[K];
};

/**
 * The names of the options a class adds to its base's, checked complete at
 * compile time: leaving out an option of `T` (or naming one that `T` lacks)
 * is a type error.
 *
 * @typeParam T The class's options type.
 * @typeParam Base Its base class's options type.
 * @param names Every option `T` adds to `Base`, each set to `true`.
 * @returns The names.
 */
export function _optionNames<T, Base>(
  names: Record<Exclude<_DeclaredKeys<T>, _DeclaredKeys<Base>>, true>,
): readonly string[] {
  return Object.freeze(Object.keys(names));
}

/**
 * fsspec option names whose camelCase spelling is not the answer: the hint,
 * and the option it recommends (the hint applies where the class knows it).
 */
const FSSPEC_HINTS: Readonly<Record<string, [string, string | null]>> = {
  client_kwargs: [
    'fsspec\'s aiohttp session arguments; use "client" for Deno.createHttpClient options and "headers" for request headers',
    "client",
  ],
  get_client: [
    'fsspec\'s session factory; use "fetch" (asynchronous mode) or "client"',
    "client",
  ],
  auth: ['set an "Authorization" header in "headers"', "headers"],
  use_listings_cache: ["this library keeps no listings cache", null],
  listings_expiry_time: ["this library keeps no listings cache", null],
  max_paths: ["this library keeps no listings cache", null],
};

const camel = (name: string) =>
  name.replace(/[_-]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
const folded = (name: string) => name.replace(/[_-]/g, "").toLowerCase();

/** Every option name a class knows: its own `optionNames` and its bases'. */
export function _knownOptions(cls: object): Set<string> {
  const known = new Set<string>();
  for (
    let c: object | null = cls;
    c && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    if (!Object.hasOwn(c, "optionNames")) continue;
    for (const name of (c as { optionNames: readonly string[] }).optionNames) {
      known.add(name);
    }
  }
  return known;
}

/**
 * Rejects an option the class does not know.
 *
 * @throws {TypeError} Naming the option, and the camelCase one to use where
 * it is fsspec's snake_case spelling (or a near miss) of a known option.
 */
export function _checkOptions(
  cls: { name: string },
  options: Record<string, unknown>,
): void {
  let known: Set<string> | undefined;
  for (const key of Object.keys(options)) {
    known ??= _knownOptions(cls);
    if (known.has(key)) continue;
    const match = [...known].find((k) =>
      k === camel(key) || folded(k) === folded(key)
    );
    const [text, needs] = Object.hasOwn(FSSPEC_HINTS, key)
      ? FSSPEC_HINTS[key]
      : [];
    const hint = match
      ? `use "${match}"`
      : text && (needs === null || known.has(needs!))
      ? text
      : `known are ${[...known].sort().join(", ")}`;
    throw new TypeError(
      `Cannot use option "${key}": ${cls.name} does not know it; ${hint}`,
    );
  }
}
