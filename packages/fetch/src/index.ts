export { FetchCorsRequest } from './fetch-request.ts';
export { corsAnswer, withCorsHeaders } from './fetch-response.ts';
export { withCors } from './with-cors.ts';
