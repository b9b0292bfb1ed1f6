/**
 * Imported first by the benchmark entry points that load the bot in their own process: restify 11 reads a
 * deprecated Node binding when it loads (DEP0111, harmless on Node 20, see the stack notes), and the warning
 * says nothing about the benchmark. The child processes get `--no-deprecation` instead.
 */
process.noDeprecation = true;
