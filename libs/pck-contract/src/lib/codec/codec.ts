import { complexTypeOf, type TypeDef } from '../schema/schema-builder';
import { isOperationName, type OperationName, type RequestOf, type ResponseOf } from '../model/operations';
import type { InsertUpdateResponse } from '../model/insert-update-response';
import { OPERATIONS } from '../schema/contract-operations';
import { decodeComplex } from './decode';
import { encodeField, encodeFields, escapeAttr } from './encode';
import { resolveLimits, type ParseLimits } from './limits';
import { PckContractError, PckContractErrorCode } from './pck-contract.exception';
import { permanentError } from './result-codes';
import {
  contentTypeFor,
  faultHttpStatus,
  serializeFault,
  SOAP11_ENVELOPE_NS,
  SOAP12_ENVELOPE_NS,
  WEBSHOP_NS,
  wrapEnvelope,
  type SoapFault,
  type SoapVersion,
} from './soap-envelope';
import { validateDto, type ValidationIssue } from './validation';
import { humanMessage, technicalMessage } from './validation-message';
import { readXml, type XNode } from './xml-reader';

/** Where a response goes: same SOAP version and operation namespace as the request. */
export interface ResponseContext {
  soapVersion: SoapVersion;
  /** Namespace of the request's operation element ('' = none). Default: Deltasoft's. */
  namespace?: string;
}

/** A ready-to-send HTTP answer. */
export interface Reply {
  httpStatus: number;
  contentType: string;
  body: string;
}

export type ParsedRequest = {
  [O in OperationName]: {
    ok: true;
    operation: O;
    payload: RequestOf<O>;
    soapVersion: SoapVersion;
    namespace: string;
  };
}[OperationName];

/** The envelope could not be understood: answer with `reply` (a SOAP Fault). */
export interface FaultResult {
  ok: false;
  kind: 'fault';
  soapVersion: SoapVersion;
  fault: SoapFault;
  /** Set when the fault came from the codec's own checks. */
  errorCode?: PckContractErrorCode;
  reply: Reply;
}

/**
 * The operation is known but its payload is wrong (type or missing required field): answer with
 * `reply`, which is the operation's own response carrying operationResult 1 (or a Client fault
 * for operations whose result has no error field).
 */
export interface InvalidResult {
  ok: false;
  kind: 'invalid';
  operation: OperationName;
  soapVersion: SoapVersion;
  namespace: string;
  issues: ValidationIssue[];
  error: InsertUpdateResponse;
  reply: Reply;
}

export type ParseResult = ParsedRequest | FaultResult | InvalidResult;

function faultResult(fault: SoapFault, soapVersion: SoapVersion, errorCode?: PckContractErrorCode): FaultResult {
  return {
    ok: false,
    kind: 'fault',
    soapVersion,
    fault,
    errorCode,
    reply: {
      httpStatus: faultHttpStatus(fault, soapVersion),
      contentType: contentTypeFor(soapVersion),
      body: serializeFault(fault, soapVersion),
    },
  };
}

function elementChildren(n: XNode, local: string, ns: string): XNode[] {
  return n.children.filter((c) => c.local === local && c.ns === ns);
}

/**
 * Parse and validate a request from PCK. Never throws: every bad input becomes a FaultResult or
 * an InvalidResult whose `reply` can be sent as is.
 */
export function parseRequest(body: string | Uint8Array, limits?: Partial<ParseLimits>): ParseResult {
  let soapVersion: SoapVersion = '1.1';
  try {
    const lim = resolveLimits(limits);
    const root = readXml(body, lim);
    if (root.local !== 'Envelope' || (root.ns !== SOAP11_ENVELOPE_NS && root.ns !== SOAP12_ENVELOPE_NS)) {
      throw new PckContractError(PckContractErrorCode.NotSoapEnvelope, `root is {${root.ns}}${root.local}`);
    }
    soapVersion = root.ns === SOAP11_ENVELOPE_NS ? '1.1' : '1.2';
    const bodies = elementChildren(root, 'Body', root.ns);
    if (bodies.length !== 1)
      throw new PckContractError(PckContractErrorCode.NotSoapEnvelope, 'expected exactly one Body');
    const opNode = bodies[0].children[0];
    if (!opNode) throw new PckContractError(PckContractErrorCode.EmptyBody);
    if (!isOperationName(opNode.local)) {
      throw new PckContractError(PckContractErrorCode.UnknownOperation, opNode.local.slice(0, 60));
    }
    const operation = opNode.local;
    const def = OPERATIONS[operation];
    const payload = decodeComplex(opNode, def.request, lim.localTimeZone);
    const issues = validateDto(payload, def.request);
    const ctx = { soapVersion, namespace: opNode.ns };
    if (issues.length > 0) {
      const error = permanentError(humanMessage(issues), technicalMessage(operation, issues));
      return {
        ok: false,
        kind: 'invalid',
        operation,
        soapVersion,
        namespace: opNode.ns,
        issues,
        error,
        reply: errorReply(operation, error, ctx),
      };
    }
    return { ok: true, operation, payload, soapVersion, namespace: opNode.ns } as ParsedRequest;
  } catch (e) {
    if (e instanceof PckContractError) return faultResult({ code: 'Client', message: e.message }, soapVersion, e.code);
    // Anything else is our bug, not the client's; still answer instead of crashing.
    return faultResult({ code: 'Server', message: 'Internal error while reading the request' }, soapVersion);
  }
}

function responseBody<O extends OperationName>(operation: O, result: ResponseOf<O>, namespace: string): string {
  const out: string[] = [];
  const open = namespace ? `<ns2:${operation}Response xmlns:ns2="${escapeAttr(namespace)}">` : `<${operation}Response>`;
  out.push(open);
  encodeField(out, 'return', OPERATIONS[operation].result, result, 'return');
  out.push(namespace ? `</ns2:${operation}Response>` : `</${operation}Response>`);
  return out.join('');
}

/**
 * The SOAP envelope answering `operation` with `result` inside `<return>`, children in WSDL order,
 * unqualified. Throws PckContractError (InvalidResponseValue) if `result` has a wrongly typed value.
 */
export function serializeResponse<O extends OperationName>(
  operation: O,
  result: ResponseOf<O>,
  ctx: ResponseContext,
): string {
  return wrapEnvelope(ctx.soapVersion, responseBody(operation, result, ctx.namespace ?? WEBSHOP_NS));
}

/**
 * The operation's result type carrying `error` (insertUpdate, or status.operationResult/message),
 * with required scalars zeroed; undefined for operations whose result has no error field
 * (getWelcomeMailTemplate and the URL operations): answer those with a fault.
 */
export function errorResult<O extends OperationName>(
  operation: O,
  error: InsertUpdateResponse,
): ResponseOf<O> | undefined {
  const def = OPERATIONS[operation];
  switch (def.errorChannel) {
    case 'none':
      return undefined;
    case 'status':
      return {
        creditApplicants: 0,
        onlineCustomers: 0,
        orders: 0,
        operationResult: error.operationResult,
        message: error.humanErrorMessage || error.errorMessage,
      } as ResponseOf<O>;
    case 'insertUpdate':
      return (
        complexTypeOf(def.result).name === 'insertUpdateResponse' ? error : { insertUpdate: error }
      ) as ResponseOf<O>;
  }
}

/** A complete HTTP answer telling PCK that `operation` failed with `error`. */
export function errorReply(operation: OperationName, error: InsertUpdateResponse, ctx: ResponseContext): Reply {
  const result = errorResult(operation, error);
  if (result === undefined) {
    const fault: SoapFault = { code: 'Client', message: error.humanErrorMessage || error.errorMessage || 'Feil' };
    return {
      httpStatus: faultHttpStatus(fault, ctx.soapVersion),
      contentType: contentTypeFor(ctx.soapVersion),
      body: serializeFault(fault, ctx.soapVersion),
    };
  }
  return {
    httpStatus: 200,
    contentType: contentTypeFor(ctx.soapVersion),
    body: serializeResponse(operation, result, ctx),
  };
}

/**
 * A request as PCK's .NET proxy sends it (for simulators and tests): wrapper in the default
 * namespace, `xmlns=""` on each child so the children stay unqualified.
 */
export function serializeRequest<O extends OperationName>(
  operation: O,
  payload: RequestOf<O>,
  ctx: Partial<ResponseContext> = {},
): string {
  const ns = ctx.namespace ?? WEBSHOP_NS;
  const out: string[] = [ns ? `<${operation} xmlns="${escapeAttr(ns)}">` : `<${operation}>`];
  encodeFields(
    out,
    OPERATIONS[operation].request,
    payload as unknown as Record<string, unknown>,
    '',
    ns ? ' xmlns=""' : '',
  );
  out.push(`</${operation}>`);
  return wrapEnvelope(ctx.soapVersion ?? '1.1', out.join(''));
}

// One holder type per operation: DTO classes and compiled checks are cached per type, so it must not be rebuilt.
const responseHolders = new Map<OperationName, TypeDef<unknown>>();
function responseHolder(operation: OperationName): TypeDef<unknown> {
  let holder = responseHolders.get(operation);
  if (!holder) {
    holder = {
      name: `${operation}Response`,
      fields: [{ key: 'return', wire: 'return', def: OPERATIONS[operation].result }],
    };
    responseHolders.set(operation, holder);
  }
  return holder;
}

/** Parse a response we (or another shop) sent, e.g. in a PCK simulator. Throws on bad input. */
export function parseResponse<O extends OperationName>(
  operation: O,
  body: string | Uint8Array,
  limits?: Partial<ParseLimits>,
): { result: ResponseOf<O>; issues: ValidationIssue[] } {
  const lim = resolveLimits(limits);
  const root = readXml(body, lim);
  if (root.local !== 'Envelope' || (root.ns !== SOAP11_ENVELOPE_NS && root.ns !== SOAP12_ENVELOPE_NS)) {
    throw new PckContractError(PckContractErrorCode.NotSoapEnvelope);
  }
  const wrapper = elementChildren(root, 'Body', root.ns)[0]?.children[0];
  if (!wrapper) throw new PckContractError(PckContractErrorCode.EmptyBody);
  if (wrapper.local !== `${operation}Response`) {
    throw new PckContractError(
      PckContractErrorCode.UnknownOperation,
      `expected ${operation}Response, got ${wrapper.local}`,
    );
  }
  const holder = responseHolder(operation);
  const decoded = decodeComplex(wrapper, holder, lim.localTimeZone) as Record<string, unknown>;
  return { result: decoded['return'] as ResponseOf<O>, issues: validateDto(decoded, holder) };
}
