/** The application's root pino logger (redacting): everything but the access log writes here. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
/** The pino logger of the access log: no redaction, it only ever writes fields it chose. */
export const ACCESS_LOGGER = Symbol('ACCESS_LOGGER');
export const LOGGING_OPTIONS = Symbol('LOGGING_OPTIONS');
