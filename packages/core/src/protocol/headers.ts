/**
 * Header names, lowercase as HTTP/2 and the Fetch `Headers` class write them, so that every adapter
 * puts the same bytes on the wire. Abbreviations follow jub0bs/cors.
 */

/** `Origin` request header (Fetch "`Origin` header"). */
export const ORIGIN = 'origin';
/** `Access-Control-Request-Method` (Fetch "HTTP requests"). */
export const ACRM = 'access-control-request-method';
/** `Access-Control-Request-Headers` (Fetch "HTTP requests"). */
export const ACRH = 'access-control-request-headers';
/** `Access-Control-Request-Private-Network` (WICG Private Network Access). */
export const ACRPN = 'access-control-request-private-network';

/** `Access-Control-Allow-Origin` (Fetch "HTTP responses"). */
export const ACAO = 'access-control-allow-origin';
/** `Access-Control-Allow-Credentials`. */
export const ACAC = 'access-control-allow-credentials';
/** `Access-Control-Allow-Methods`. */
export const ACAM = 'access-control-allow-methods';
/** `Access-Control-Allow-Headers`. */
export const ACAH = 'access-control-allow-headers';
/** `Access-Control-Max-Age`. */
export const ACMA = 'access-control-max-age';
/** `Access-Control-Expose-Headers`. */
export const ACEH = 'access-control-expose-headers';
/** `Access-Control-Allow-Private-Network` (WICG Private Network Access). */
export const ACAPN = 'access-control-allow-private-network';
/** `Vary` (RFC 9110 §12.5.5). */
export const VARY = 'vary';
/** `Content-Length`, sent as `0` on preflights the CORS layer answers itself. */
export const CONTENT_LENGTH = 'content-length';

/** The request headers a CORS layer reads; an adapter's header lookup is only asked for these. */
export type CorsRequestHeaderName = typeof ORIGIN | typeof ACRM | typeof ACRH | typeof ACRPN;
