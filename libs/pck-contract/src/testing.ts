// Test helpers for projects that play PCK against a WebshopWS endpoint (not part of the published package).
export { article } from './lib/testing/sample-article';
export { callPck, postSoap, type SoapAnswer } from './lib/testing/call-pck';
