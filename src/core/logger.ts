import * as core from "@actions/core";

/** Where an action says what it is doing. Annotations (notice/warning/error) show in the run's UI. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

/** Logs through @actions/core, so warnings and errors become workflow annotations. */
export const actionsLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  notice: (m) => core.notice(m),
  warning: (m) => core.warning(m),
  error: (m) => core.error(m),
};

/** Logs to a terminal stream with a level prefix; the CLI's logger. */
export function streamLogger(write: (line: string) => void, verbose = false): Logger {
  return {
    debug: (m) => {
      if (verbose) write(`debug: ${m}`);
    },
    info: (m) => write(m),
    notice: (m) => write(`notice: ${m}`),
    warning: (m) => write(`warning: ${m}`),
    error: (m) => write(`error: ${m}`),
  };
}

/** A logger that keeps every line, for tests. */
export function memoryLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    notice: at("notice"),
    warning: at("warning"),
    error: at("error"),
  };
}

/** `log` with every line passed through `scrub` first (secrets redacted in every form). */
export function scrubbingLogger(log: Logger, scrub: (line: string) => string): Logger {
  return {
    debug: (m) => log.debug(scrub(m)),
    info: (m) => log.info(scrub(m)),
    notice: (m) => log.notice(scrub(m)),
    warning: (m) => log.warning(scrub(m)),
    error: (m) => log.error(scrub(m)),
  };
}
