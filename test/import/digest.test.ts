import assert from "node:assert/strict";
import { blockDigests, canonicalJson, payloadDigests } from "../../src/import/digest";

describe("payload digests", () => {
  // State written by earlier releases holds these digests: a change of how they are computed must keep them,
  // or every stack would see its import replaced after an upgrade.
  const sample = {
    upsertUsers: {
      profiles: [
        {
          externalId: "U1",
          profile: {
            userName: "a@x.io",
            email: "a@x.io",
            firstName: 'Zoë \u2028 "q"',
            lastName: "L",
            zz: null,
            aa: [1, 2.5, true],
            u: undefined,
          },
        },
      ],
      entityType: "USERS",
    },
    deleteGroups: { externalIds: ["G1", "G2"] },
    upsertGroupMemberships: { memberships: [{ memberExternalIds: ["U1"], groupExternalId: "G1" }] },
  };

  it("keeps the digests earlier releases stored", () => {
    assert.deepEqual(payloadDigests(sample), {
      payloadDigest: "ded9aa3b902c85801496c47956b34f77dfd2c8591f6e4164d7ffe89d944b4269",
      blockDigests: {
        upsertUsers: "91d3be1c1c6ab02372651ec7b885307ee3f25a42123d1164da82e8b8196365c6",
        deleteGroups: "5dff607ad2d0f7ea99a2dc97a25d0e4bcc92b7f5b442b77e11a102d33a6e067b",
        upsertGroupMemberships: "4d07e003bde66675c9d9d55226b8fede7acce66d2f046ff894485e7856f07f72",
      },
    });
  });

  it("gives the same block digests alone as with the payload digest", () => {
    assert.deepEqual(blockDigests(sample), payloadDigests(sample).blockDigests);
  });

  it("writes canonical JSON: keys sorted at every level, undefined members dropped, arrays in order", () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [2, undefined, { y: 1, x: null }], c: undefined } }),
      '{"a":{"d":[2,null,{"x":null,"y":1}]},"b":1}',
    );
  });

  it("sorts keys that look like array indexes as text too (JavaScript enumerates those first)", () => {
    assert.equal(
      canonicalJson([{ b: 0, "10": 1, "9": 2, a: { "2": 0, "1": 0 } }]),
      '[{"10":1,"9":2,"a":{"1":0,"2":0},"b":0}]',
    );
  });
});
