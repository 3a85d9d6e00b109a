import { RequestType, type Message, type MessageStrategy } from 'vscode-languageserver';

/**
 * Checks of the params a client sends, where they enter the server. The protocol types say what a client
 * should send; any client, fuzzer or broken proxy may send anything, and a handler that trusts the types
 * throws (or worse, kills the process). Each check returns the reason params are not valid, or undefined.
 */
type Check = (value: unknown, where: string) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const object =
  (fields: Record<string, Check>): Check =>
  (value, where) => {
    if (!isObject(value)) return `${where} must be an object`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(value[key], `${where}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };

const optional =
  (check: Check): Check =>
  (value, where) =>
    value === undefined ? undefined : check(value, where);

const nullable =
  (check: Check): Check =>
  (value, where) =>
    value === null ? undefined : check(value, where);

const string: Check = (value, where) => (typeof value === 'string' ? undefined : `${where} must be a string`);
const integer: Check = (value, where) => (Number.isSafeInteger(value) ? undefined : `${where} must be an integer`);
const uinteger: Check = (value, where) => (Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : `${where} must be an unsigned integer`);
const anyObject: Check = (value, where) => (isObject(value) ? undefined : `${where} must be an object`);

/** Arrays are checked item by item; a huge array of valid items is fine, the first bad item is reported. */
const array =
  (item: Check): Check =>
  (value, where) => {
    if (!Array.isArray(value)) return `${where} must be an array`;
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i], `${where}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };

const position = object({ line: uinteger, character: uinteger });
const range = object({ start: position, end: position });
const textDocumentIdentifier = object({ uri: string });
const workspaceFolder = object({ uri: string, name: string });

const contentChange: Check = (value, where) => {
  if (!isObject(value)) return `${where} must be an object`;
  return 'range' in value && value.range !== undefined ? object({ range, text: string })(value, where) : object({ text: string })(value, where);
};

/** The params check of each method the server handles; methods not listed take anything (or nothing). */
const PARAM_CHECKS: Readonly<Record<string, Check>> = {
  initialize: object({
    capabilities: anyObject,
    rootUri: optional(nullable(string)),
    workspaceFolders: optional(nullable(array(workspaceFolder))),
  }),
  'textDocument/didOpen': object({ textDocument: object({ uri: string, languageId: string, version: integer, text: string }) }),
  'textDocument/didChange': object({ textDocument: object({ uri: string, version: integer }), contentChanges: array(contentChange) }),
  'textDocument/didClose': object({ textDocument: textDocumentIdentifier }),
  'textDocument/didSave': object({ textDocument: textDocumentIdentifier, text: optional(string) }),
  'textDocument/willSave': object({ textDocument: textDocumentIdentifier, reason: integer }),
  'textDocument/willSaveWaitUntil': object({ textDocument: textDocumentIdentifier, reason: integer }),
  'workspace/didChangeWorkspaceFolders': object({ event: object({ added: array(workspaceFolder), removed: array(workspaceFolder) }) }),
  // `settings` may be anything a client holds (null from VS Code, `{ ospo: {…} }` from others): read where used.
  'workspace/didChangeConfiguration': anyObject,
  'workspace/didChangeWatchedFiles': object({ changes: array(object({ uri: string, type: integer })) }),
  'textDocument/hover': object({ textDocument: textDocumentIdentifier, position }),
  'textDocument/codeAction': object({ textDocument: textDocumentIdentifier, range, context: object({ diagnostics: array(anyObject), only: optional(array(string)) }) }),
  'workspace/executeCommand': object({ command: string, arguments: optional(array(() => undefined)) }),
  '$/cancelRequest': object({ id: (value, where) => (typeof value === 'string' || Number.isSafeInteger(value) ? undefined : `${where} must be a number or a string`) }),
  '$/setTrace': object({ value: string }),
  // A client may name the re-routing method itself: its params are checked like any other.
  'ospo/invalidParams': object({ method: string, reason: string }),
};

/** Why a message's params are not what its method needs, or undefined when they are (or the method takes anything). */
export function invalidParamsReason(method: string, params: unknown): string | undefined {
  const check = Object.hasOwn(PARAM_CHECKS, method) ? PARAM_CHECKS[method] : undefined;
  return check?.(params, 'params');
}

/** The method an invalid request is re-routed to, so that it is answered InvalidParams by the server's own handler. */
export const INVALID_PARAMS_METHOD = 'ospo/invalidParams';

export interface InvalidParamsRequest {
  readonly method: string;
  readonly reason: string;
}

/** The re-routed request: answered with an InvalidParams error, never a result. */
export const InvalidParamsRequestType = new RequestType<InvalidParamsRequest, never, void>(INVALID_PARAMS_METHOD);

interface IncomingMessage {
  readonly jsonrpc: string;
  readonly id?: unknown;
  readonly method?: unknown;
  readonly params?: unknown;
}

/**
 * A connection message strategy that checks every incoming request and notification before any handler (the
 * library's own included) sees it. A bad request goes on as `ospo/invalidParams`, whose handler answers
 * InvalidParams; a bad notification is logged and dropped. Handlers can then trust the protocol types.
 */
export function validatingMessageStrategy(log: (line: string) => void): MessageStrategy {
  return {
    handleMessage(message, next) {
      const incoming = message as IncomingMessage;
      if (typeof incoming.method !== 'string') return next(message);
      const reason = invalidParamsReason(incoming.method, incoming.params);
      if (reason === undefined) return next(message);
      if (incoming.id === undefined) {
        log(`ignored ${incoming.method}: ${reason}`);
        return;
      }
      const params: InvalidParamsRequest = { method: incoming.method, reason };
      return next({ jsonrpc: incoming.jsonrpc, id: incoming.id, method: INVALID_PARAMS_METHOD, params } as Message);
    },
  };
}
