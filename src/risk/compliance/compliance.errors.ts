/** A caller passed something the compliance rules cannot evaluate (bad decimal, bad quantity, …). */
export class ComplianceInputError extends Error {
  override readonly name = 'ComplianceInputError';
}

/** A date falls outside the years the holiday table covers; answering would mean guessing. */
export class CalendarRangeError extends Error {
  override readonly name = 'CalendarRangeError';
}

/** The PDT policy table is inconsistent, or has no row for a broker on a date. */
export class PdtPolicyError extends Error {
  override readonly name = 'PdtPolicyError';
}
