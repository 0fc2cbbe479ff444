import assert from "node:assert/strict";
import { isInvalidResponseError } from "../../src/client/errors";
import { nextPagePath, parseLinkHeader } from "../../src/client/pagination";

const ORG = "https://acme.okta.com";
const ctx = { method: "GET", path: "/m", status: 200, operation: "memberships.list" };

describe("pagination", () => {
  describe("parseLinkHeader", () => {
    it("reads several links with their rels", () => {
      assert.deepEqual(
        parseLinkHeader(`<${ORG}/m?after=a>; rel="self", <${ORG}/m?after=b&limit=2>; rel="next"`),
        [
          { url: `${ORG}/m?after=a`, rels: ["self"] },
          { url: `${ORG}/m?after=b&limit=2`, rels: ["next"] },
        ],
      );
    });
    it("accepts unquoted and multi-valued rels", () => {
      assert.deepEqual(parseLinkHeader('</m?after=b>; rel=next, </x>; rel="prev  last"'), [
        { url: "/m?after=b", rels: ["next"] },
        { url: "/x", rels: ["prev", "last"] },
      ]);
    });
    it("returns nothing for a missing header", () => {
      assert.deepEqual(parseLinkHeader(undefined), []);
    });
  });

  describe("nextPagePath", () => {
    it("resolves absolute and relative next links to a path with query", () => {
      assert.equal(nextPagePath(`<${ORG}/m?after=b>; rel="next"`, `${ORG}/m`, ORG, ctx), "/m?after=b");
      assert.equal(nextPagePath(`<?after=c>; rel="next"`, `${ORG}/m?after=b`, ORG, ctx), "/m?after=c");
    });
    it("returns undefined on the last page", () => {
      assert.equal(nextPagePath(`<${ORG}/m>; rel="self"`, `${ORG}/m`, ORG, ctx), undefined);
    });
    it("refuses a next link on another origin", () => {
      assert.throws(
        () => nextPagePath(`<http://acme.okta.com/m?after=b>; rel="next"`, `${ORG}/m`, ORG, ctx),
        (e: unknown) => isInvalidResponseError(e) && e.issues[0]?.code === "cross_origin_next_link",
      );
    });
  });
});
