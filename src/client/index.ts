import { z } from "zod";
import { PrivateKeyJwtAuth } from "./auth/private-key-jwt";
import { staticTokenAuth, type AuthProvider } from "./auth/types";
import { bulkEndpoints } from "./endpoints/bulk";
import { SOURCE_PATH } from "./endpoints/common";
import { groupsEndpoints, usersEndpoints } from "./endpoints/direct";
import { membershipsEndpoints } from "./endpoints/memberships";
import { sessionsEndpoints } from "./endpoints/sessions";
import { KNOBS, type Knob, type OktaAuth, type OktaClientOptions } from "./options";
import { normalizeOrgUrl } from "./org-url";
import { bucketKey, gateFor } from "./rate-limit";
import { createSend, type Send, type SendConfig } from "./send";
import { realSleep } from "./sleep";
import { createTransport, type Transport } from "./transport";
import type { OktaClient } from "./types";
import { VERSION } from "./version";

export {
  InvalidResponseError,
  isInvalidResponseError,
  isNotFoundError,
  isOktaApiError,
  OktaApiError,
  type FailureKind,
  type ResponseIssue,
} from "./errors";
export type { CallOptions, ClientEvent, ClientSetting, OktaAuth, OktaClientOptions } from "./options";
export type { OktaClient } from "./types";

/** Checked once, at creation, so a bad config fails before any request. */
const Knobs = z
  .object(
    Object.fromEntries(
      Object.entries(KNOBS).map(([name, r]) => {
        const number = r.integer ? z.number().int() : z.number();
        return [name, number.min(r.min).max(r.max).default(r.default)];
      }),
    ) as Record<Knob, z.ZodDefault<z.ZodNumber>>,
  )
  .extend({ userAgentSuffix: z.string().optional() });

/** `tokenSend` has no auth of its own: the token endpoint is called with a client assertion instead. */
function authProvider(auth: OktaAuth, orgUrl: string, now: () => number, tokenSend: Send): AuthProvider {
  switch (auth.kind) {
    // Nothing to refresh: a 401 means the API token is bad.
    case "apiToken":
      return staticTokenAuth("SSWS", auth.token);
    // A ready-made OAuth 2.0 access token: we cannot renew it ourselves.
    case "accessToken":
      return staticTokenAuth("Bearer", auth.token);
    case "privateKey": {
      const { kind: _, ...key } = auth;
      return new PrivateKeyJwtAuth({ orgUrl, ...key }, { send: tokenSend, now });
    }
  }
}

/** Cheap to create; the rate-limit state is shared per org across every client in the process. */
export function createOktaClient(options: OktaClientOptions): OktaClient {
  const orgUrl = normalizeOrgUrl(options.orgUrl);
  const parsed = Knobs.safeParse(options);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new TypeError(`invalid Okta client options: ${where}`);
  }
  const { userAgentSuffix, ...knobs } = parsed.data;
  // The package's name: a product name, not a dependency on Pulumi.
  const userAgent = `pulumi-okta-identity-source/${VERSION}${userAgentSuffix ? ` ${userAgentSuffix}` : ""}`;
  const { attemptTimer, wrapTransport = (t: Transport) => t } = options;
  const base: SendConfig = {
    orgUrl,
    transport: wrapTransport(createTransport({ userAgent, ...(attemptTimer && { attemptTimer }) })),
    gate: gateFor(orgUrl),
    now: options.clock ?? Date.now,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    ...knobs,
    ...(options.onEvent && { onEvent: options.onEvent }),
    ...(options.nameSetting && { nameSetting: options.nameSetting }),
  };
  const auth = authProvider(options.auth, orgUrl, base.now, createSend(base));
  const send = createSend({ ...base, auth, authKind: options.auth.kind });
  const identitySources = bucketKey(SOURCE_PATH);
  return {
    rateLimitHeadroom: () => base.gate.headroom(identitySources, base.now()),
    sessions: sessionsEndpoints(send),
    bulk: bulkEndpoints(send),
    users: usersEndpoints(send),
    groups: groupsEndpoints(send),
    memberships: membershipsEndpoints(send, orgUrl),
  };
}
