/** The command's exit codes: 0 done, 1 the log has errors (check, fill), 2 it could not run. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;
