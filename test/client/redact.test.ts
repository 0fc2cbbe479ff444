import assert from "node:assert/strict";
import { redact } from "../../src/client/redact";

describe("redact", () => {
  it("keeps the scheme of Authorization values and removes the credential", () => {
    assert.equal(
      redact("SSWS 00abc123 / Bearer xyz / DPoP tok.en"),
      "SSWS [REDACTED] / Bearer [REDACTED] / DPoP [REDACTED]",
    );
  });

  it("keeps the prose Okta writes after a scheme name (DPoP proof, Bearer token)", () => {
    assert.equal(
      redact("DPoP proof iat is too far in the past; DPoP nonce required; Bearer token expired"),
      "DPoP proof iat is too far in the past; DPoP nonce required; Bearer token expired",
    );
    assert.equal(redact("DPoP proof DPoP 0123tokenValue"), "DPoP proof DPoP [REDACTED]");
  });

  it("removes client_assertion and access_token in forms and JSON", () => {
    assert.equal(redact("a=1&client_assertion=xyz.abc&b=2"), "a=1&client_assertion=[REDACTED]&b=2");
    assert.equal(redact('{"access_token":"tok","x":1}'), '{"access_token":"[REDACTED]","x":1}');
  });

  it("removes any compact JWT and PEM private keys", () => {
    assert.equal(redact("proof eyJhbGciOiJFUzI1NiJ9.eyJodG0iOiJHRVQifQ.sig_-"), "proof [REDACTED]");
    assert.equal(redact("k=-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----!"), "k=[REDACTED]!");
  });

  it("removes known secret values wherever they appear", () => {
    assert.equal(redact("token=plain-secret-value!", ["plain-secret-value"]), "token=[REDACTED]!");
  });

  it("removes personal values: long ones wherever they stand as a word, short ones where Okta quotes them", () => {
    assert.equal(
      redact(
        "firstName: Bob (not Bobby); email: bob.smith@example.com; bob.smith@example.com is taken",
        [],
        ["Bob", "bob.smith@example.com"],
      ),
      "firstName: [REDACTED] (not Bobby); email: [REDACTED]; [REDACTED] is taken",
    );
    assert.equal(redact("x: (b)-[c] y", [], ["(b)-[c]"]), "x: [REDACTED] y", "regex characters are literal");
  });

  it("leaves Okta's own wording readable when profile values happen to be common words", () => {
    // A bulk upload carries the values of up to 200 profiles; these texts are what a refused upload needs.
    const values = ["Api", "active", "source", "Employee", "required"];
    assert.equal(
      redact("Api validation failed: session is active for this identity source", [], values),
      "Api validation failed: session is active for this identity source",
    );
    assert.equal(
      redact("employeeNumber: must be at most 50 characters; profile.required: unknown", [], values),
      "employeeNumber: must be at most 50 characters; profile.required: unknown",
    );
  });

  it("removes personal values whatever their case in the echo", () => {
    assert.equal(
      redact("email: jane.doe@example.com already used; JANE.DOE@EXAMPLE.COM", [], ["Jane.Doe@Example.com"]),
      "email: [REDACTED] already used; [REDACTED]",
    );
    assert.equal(
      redact("firstName: BOB (not Bobby); İstanbul", [], ["Bob"]),
      "firstName: [REDACTED] (not Bobby); İstanbul",
    );
  });

  it("removes a personal value Okta echoes JSON-escaped", () => {
    assert.equal(
      redact('homeAddress: "1 Main St\\nApt 2" too long', [], ["1 Main St\nApt 2"]),
      'homeAddress: "[REDACTED]" too long',
    );
  });

  it("removes short personal values where they follow `attribute:` or `attribute=`", () => {
    assert.equal(
      redact('lastName: Wu is not allowed; lastName=wu; lastName: "Wu"; middleName = A.', [], ["Wu", "A"]),
      'lastName: [REDACTED] is not allowed; lastName=[REDACTED]; lastName: "[REDACTED]"; middleName = [REDACTED].',
    );
    // Elsewhere they are left alone: scrubbing every "Wu" or "A" would garble the text.
    assert.equal(redact("A Wu value in Wuhan: Wux", [], ["Wu", "A"]), "A Wu value in Wuhan: Wux");
  });

  it("ignores very short 'secrets' that would garble text", () => {
    assert.equal(redact("a b c", ["a"]), "a b c");
  });
});
