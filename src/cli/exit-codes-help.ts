// The exit codes, printed under every command's --help and listed in the README.
export const exitCodesHelp = `
Exit codes:
  0    everything captured and scored
  1    internal error (a bug in gameaudit)
  2    bad input: a plan, identifiers, findings or HAR file, a flag or an argument
  3    some captures are incomplete (their bundles are kept and marked incomplete)
  4    --fail-on: a check outcome reached the level asked for
  5    evidence did not verify against its manifest (use --force to score anyway)
  130  interrupted (Ctrl-C); what was captured is kept and marked incomplete`;
