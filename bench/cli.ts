/**
 * The comparison scripts' command line: `--name value` options, and the one bare argument (a git
 * ref) that is no option's value.
 */
export function commandLine(argv = process.argv.slice(2)) {
  const option = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  /** The first argument that is neither an option nor the value of one of `options`. */
  const bare = (options: string[]): string | undefined => {
    const values = options.map((name) => argv.indexOf(name) + 1).filter((at) => at > 0);
    return argv.find((arg, i) => !arg.startsWith("--") && !values.includes(i));
  };
  return { option, bare };
}
