/**
 * Errors of report building, parsing and rendering. Each names what was wrong and where (a path into the input such
 * as `units[3].findings[7].severity`), never the offending value when it could be customer text.
 */

/** Base class of every error in this area. */
class ReportError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReportError';
  }
}

/** The run, units, findings or skipped files handed to the report builder are not what the report model expects. */
class InvalidReportInputError extends ReportError {
  /** Where in the input, for example `units[3].findings[7].severity`. */
  public readonly path: string;
  /** What is wrong there. */
  public readonly reason: string;
  public constructor(path: string, reason: string, options?: ErrorOptions) {
    super(`Invalid report input at ${path}: ${reason}`, options);
    this.name = 'InvalidReportInputError';
    this.path = path;
    this.reason = reason;
  }
}

/** A stored (decrypted) report that is not a report of a version this code reads. */
class UnsupportedReportVersionError extends ReportError {
  public readonly reportVersion: unknown;
  public readonly supported: number;
  public constructor(reportVersion: unknown, supported: number, options?: ErrorOptions) {
    super(`Unsupported report version ${JSON.stringify(reportVersion) ?? 'undefined'}: this code reads version ${supported}`, options);
    this.name = 'UnsupportedReportVersionError';
    this.reportVersion = reportVersion;
    this.supported = supported;
  }
}

/** A stored (decrypted) report that is not valid report JSON. */
class MalformedReportError extends ReportError {
  public readonly path: string;
  public constructor(path: string, reason: string, options?: ErrorOptions) {
    super(`Malformed report at ${path}: ${reason}`, options);
    this.name = 'MalformedReportError';
    this.path = path;
  }
}

/** A format name the renderers do not know. */
class UnknownReportFormatError extends ReportError {
  public readonly format: string;
  public constructor(format: string, known: ReadonlyArray<string>, options?: ErrorOptions) {
    super(`Unknown report format '${format}': use one of ${known.join(', ')}`, options);
    this.name = 'UnknownReportFormatError';
    this.format = format;
  }
}

export { InvalidReportInputError, MalformedReportError, ReportError, UnknownReportFormatError, UnsupportedReportVersionError };
