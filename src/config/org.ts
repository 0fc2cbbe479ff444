import { z } from "zod";
import { isLoopbackHost } from "../client/org-url";
import { OktaConfigError } from "./error";
import { groupLayer, label, parse, type Field, type LayerFn } from "./fields";
import type { Key } from "./settings";

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const ADMIN_HINT = "is the Admin Console domain; the Okta API is served on the org domain without `-admin`";

/** Full URL → origin; https unless loopback; no credentials; no `-admin` host. */
const OrgUrl = z.string().transform((text, ctx) => {
  const fail = (message: string): never => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  if (!URL.canParse(text)) return fail("must be a full URL such as https://dev-123.okta.com");
  const url = new URL(text);
  const loopback = isLoopbackHost(url.hostname);
  if (url.username !== "" || url.password !== "") return fail("must not contain credentials");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    return fail("must use https:// (plain http:// is allowed only for localhost/127.0.0.0/8/::1)");
  const first = url.hostname.split(".")[0] ?? "";
  if (first.toLowerCase().endsWith("-admin"))
    return fail(`${ADMIN_HINT} (use ${first.slice(0, -6)}${url.hostname.slice(first.length)})`);
  return url.origin;
});
const OrgName = z
  .string()
  .refine((s) => !s.toLowerCase().endsWith("-admin"), `${ADMIN_HINT} (drop "-admin")`)
  .refine(
    (s) => DNS_LABEL.test(s),
    "must be the org subdomain only (`dev-123`); put the domain in okta:baseUrl or use okta:orgUrl",
  );
const BaseUrl = z
  .string()
  .regex(
    /^[a-z0-9.-]+\.[a-z]{2,}$/i,
    "must be a domain such as okta.com or oktapreview.com (no scheme, no path)",
  );

const ORG_KEYS: readonly Key[] = ["orgUrl", "orgName", "baseUrl"];

export function resolveOrgUrl(layer: LayerFn): string {
  const from = groupLayer(layer, ORG_KEYS);
  const [urlField, nameField, baseField] = ORG_KEYS.map((key) => layer(from, key));
  const names = urlField !== undefined || nameField !== undefined;
  if (from === "config" && !names) {
    throw new OktaConfigError(
      "okta:baseUrl is set in stack config but okta:orgName (or okta:orgUrl) is not. The org is read wholly " +
        "from stack config when it sets any org key, so OKTA_ORG_URL / OKTA_ORG_NAME in the environment are not " +
        "used: set okta:orgName, or remove okta:baseUrl from stack config.",
      ["okta:baseUrl", "okta:orgName", "okta:orgUrl"],
    );
  }
  if (from === "config" && nameField && !baseField && layer("env", "baseUrl")) {
    // Silently using okta.com here could point at another org than the one OKTA_BASE_URL suggests.
    throw new OktaConfigError(
      "okta:orgName is set in stack config but its domain is only in OKTA_BASE_URL (environment), which is not " +
        "used: the org is read wholly from stack config. Set okta:baseUrl (okta.com is the default) or okta:orgUrl.",
      ["okta:orgName", "okta:baseUrl"],
    );
  }
  if (!names) {
    throw new OktaConfigError(
      "No Okta org: set `pulumi config set okta:orgUrl https://<org>.okta.com` or OKTA_ORG_URL, " +
        "or okta:orgName / OKTA_ORG_NAME (with okta:baseUrl / OKTA_BASE_URL when not okta.com).",
      ["okta:orgUrl", "okta:orgName"],
    );
  }
  const fromName =
    nameField === undefined
      ? undefined
      : `https://${parse(OrgName, nameField)}.${baseField === undefined ? "okta.com" : parse(BaseUrl, baseField)}`;
  if (urlField === undefined) return new URL(fromName as string).origin;
  const url = parse(OrgUrl, urlField);
  if (fromName !== undefined && new URL(fromName).origin !== url) {
    throw new OktaConfigError(
      `${label(urlField)} and ${label(nameField as Field)} name different orgs; set only one of them.`,
      ["okta:orgUrl", "okta:orgName"],
    );
  }
  return url;
}
